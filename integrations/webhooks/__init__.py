"""Signed webhooks (Standard Webhooks 1.0): signing, the services that fill and send the
outbox, the receivers of the apps' named signals, and the CMS views."""
