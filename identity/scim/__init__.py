"""SCIM 2.0 provisioning (RFC 7643/7644), as Microsoft Entra ID's provisioning service uses it.

`protocol` reads and checks what a client sends, `resources` shapes what we answer,
`services` writes through ambassadors' services, `views` is the HTTP layer under /scim/v2/.
Written with plain Django views rather than django-scim2: see docs (identity: SCIM).
"""
