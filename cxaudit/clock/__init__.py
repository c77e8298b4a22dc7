"""The service clock: how long a customer really waits.

Owns weekly schedules and closed days (`schedules`), their layout on real dates (`timeline`),
public holidays and the laws that change them (`holidaylaw`, `cache`), the exact worst case of
a target (`worstcase`), the waits every rule compares (`waits`), business days
(`businessdays`), the derived facts of one unit that every rule reads (`facts`), the SLA table
(`slatable`), time-zone and country codes (`zones`, `countries`) and the checks on values the
schema cannot know (`values`). May import `cxaudit.model`, `cxaudit.document` and the base
modules; independent of `cxaudit.legal`.
"""
