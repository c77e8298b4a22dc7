"""Rules as data: the rule model, pack loading and the condition language.

Owns reading, validating and compiling rule files (`packs`) and the declarative conditions
they hold (`conditions`), compiled once into closures; nothing in a rule file is evaluated as
code. May import `cxaudit.checks` (to know the named check functions and their params), the
clock, the model and below; never the engine, policies or reports.
"""
