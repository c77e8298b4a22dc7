"""The model stage: what a process description says, typed and frozen.

Owns schema validation with positioned messages (`validate`), the vocabulary of values and
their synonyms (`vocabulary`, `terms`), durations, cadences and priorities (`durations`),
the normalised process model (`process`, built by `normalise`) and the values a rule produces
(`findings`: severity, finding, location). May import `cxaudit.document` and the base modules;
nothing here knows about clocks, rules or reports.
"""
