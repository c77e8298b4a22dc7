"""The document stage: files as read, before they mean anything.

Owns which files a run reads (`collect`), bounded reads and safe YAML that remembers the line
and column of every value (`loading`, `scalars`), a list item's identity (`identity`, with
`identity.yaml`), document paths that survive edits (`docpaths`), user-written dates
(`dates`), the fast schema checker (`schemacheck`) and the notices a run collects
(`notices`). May import only `cxaudit.errors`, `cxaudit.resources` and `cxaudit.terminal`.
"""
