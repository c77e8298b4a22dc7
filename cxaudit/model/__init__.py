"""The model stage: what a process description says, typed and frozen.

Owns schema validation with positioned messages (`validate`), the vocabulary of values and
their synonyms (`vocabulary`, `terms`), durations, cadences and priorities (`durations`), the
classes of channel types and other vocabulary kept as data (`classes`, `classes.yaml`), the
normalised process model (`process`, built by `normalise`), small facts derived from one list
item (`derived`), the values a rule produces (`findings`: severity, finding, location) and the
sentences of findings filled from named values (`sentences`). May import `cxaudit.document` and
the base modules; nothing here knows about clocks, rules or reports.
"""
