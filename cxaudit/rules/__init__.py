"""Rules as data: the rule model, pack loading and the condition language.

Owns reading, validating and compiling rule files (`packs`) and the language their checks are
written in, compiled once into closures: the core and its combinators (`conditions`), leaf
operators (`operators`, `leaves`), quantifiers over lists (`quantifiers`), leaves on derived
facts (`factleaves`, `itemfacts`, `factsets`), checks that find several things at once
(`branches`: each, for_each, if, let), and the built-in rule files kept parsed between runs
(`cache`). Nothing in a rule file is evaluated as code. May import `cxaudit.checks` (to know
the named check functions and their params), the clock, the model and below; never the engine,
policies or reports.
"""
