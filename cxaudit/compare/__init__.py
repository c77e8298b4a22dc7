"""Comparing two process descriptions field by field, with a declared direction per field.

Owns the field directions (`fields.yaml`: a shorter first response is stricter, a shorter
return window is looser), flattening a process into comparable items, matching renamed list
items, comparing worst-case waits, and judging whether a finding got worse. `cxaudit diff`
reports what it finds; the baseline uses it to tell a finding that got worse from one that is
only still there. May import the model, the clock and the document layers; nothing above.
"""
