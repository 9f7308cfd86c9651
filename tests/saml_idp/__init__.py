"""A test SAML IdP: pysaml2's IdP side (saml2.server.Server) as a small WSGI app, run as its
own process by the tests (`python -m tests.saml_idp`). See server.py."""
