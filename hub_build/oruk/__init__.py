"""Open Referral UK 3.0: the hub's services as open data (export, API, import).

One job per module: ids (stable UUIDs), mapping (Hub -> ORUK objects), paging (the list envelope),
export (static files), table (flat CSV), api (read-only server), importer (ORUK -> YAML listings),
schemas (the official schemas, resolved locally).
"""
