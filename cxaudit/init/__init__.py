"""Start a process file from a conversation: `cxaudit init`, its templates and `--continue`.

The questionnaire is data (questions.yaml: kinds, order, the paths each answer fills and every
text), answers are a small YAML file saved as they are given, and one builder turns answers
into a commented process file, so a template, an answers file and an interactive session give
the same bytes for the same answers.
"""
