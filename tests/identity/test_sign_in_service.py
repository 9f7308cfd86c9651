"""Just-in-time accounts: the first sign-in creates or links, later ones bring details up to
date, roles follow the IdP's groups where configured (identity.services.person_sign_in)."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import override_settings
from django.utils import translation

from ambassadors.models import Ambassador, Source
from ambassadors.roles import Role, roles_of
from identity.models import ExternalIdentity
from identity.providers import Claims, provider, providers
from identity.services import (
    ERROR_ACCOUNT_SWITCHED_OFF,
    ERROR_EMAIL_NOT_VERIFIED,
    ERROR_NO_EMAIL,
    ERROR_STAFF_ACCOUNT,
    SignInRefused,
    person_sign_in,
)
from tests.factories import make_user

pytestmark = pytest.mark.django_db

ENTRA = {
    "slug": "entra",
    "protocol": "oidc",
    "name": "Contoso account",
    "issuer": "https://login.example.org/v2.0",
    "role_comms": "grp-comms",
    "role_mentors": "grp-mentors, grp-desk",
}


@pytest.fixture
def entra(settings):
    settings.ACADEMY_SSO_PROVIDERS = [ENTRA]
    return provider("entra", "oidc")


def claims(entra, **raw):
    base = {"email": "sam@example.org", "given_name": "Sam", "family_name": "Jansen"}
    base.update(raw)
    return Claims.read(entra, raw.pop("sub", "sub-1"), base)


def test_first_sign_in_creates_an_invited_employee_with_the_idp_details(entra):
    """Name, e-mail, department and language come from the claims; nothing is joined."""
    user = person_sign_in(
        provider=entra,
        claims=claims(entra, department="Sales", locale="en-GB", groups=["grp-desk"]),
    )
    ambassador = Ambassador.objects.get(user=user)
    assert (user.username, user.email, user.get_full_name()) == (
        "sam@example.org",
        "sam@example.org",
        "Sam Jansen",
    )
    assert not user.has_usable_password()
    assert ambassador.status == Ambassador.Status.INVITED
    assert ambassador.consented_at is None
    assert (ambassador.department.name, ambassador.language) == ("Sales", "en")
    with translation.override("en"):
        assert ambassador.source_label == "Single sign-on · Contoso account"
    with translation.override("nl"):
        assert ambassador.source_label == "Inloggen via de organisatie · Contoso account"
    assert roles_of(User.objects.get(pk=user.pk)) == {Role.EMPLOYEE, Role.MENTOR}
    assert ExternalIdentity.objects.get(user=user).subject == "sub-1"


def test_later_sign_ins_update_name_department_and_roles_not_a_joined_persons_language(entra):
    user = person_sign_in(provider=entra, claims=claims(entra, groups=["grp-comms"]))
    Ambassador.objects.filter(user=user).update(status="active", consented_at="2026-01-01T00:00Z")
    again = person_sign_in(
        provider=entra,
        claims=claims(
            entra, given_name="Samira", department="Marketing", locale="en", groups=["other"]
        ),
    )
    assert again.pk == user.pk
    assert User.objects.count() == 1
    again = User.objects.get(pk=user.pk)
    assert again.first_name == "Samira"
    assert again.ambassador.department.name == "Marketing"
    assert again.ambassador.language == "nl"  # theirs to choose once they joined
    assert roles_of(again) == {Role.EMPLOYEE}


def test_no_groups_claim_leaves_roles_as_they_are(entra):
    user = make_user(Role.COMMS, user__email="sam@example.org", joined=False)
    person_sign_in(provider=entra, claims=claims(entra, email_verified=True), signed_in=user)
    assert roles_of(User.objects.get(pk=user.pk)) == {Role.COMMS}


def test_an_existing_account_with_the_verified_email_is_linked_not_duplicated(entra):
    existing = make_user(user__email="Sam@Example.org", joined=False)
    user = person_sign_in(provider=entra, claims=claims(entra, email_verified=True))
    assert user.pk == existing.pk
    assert User.objects.count() == 1
    assert Ambassador.objects.get(user=user).source == Source.SSO


def test_an_unverified_email_of_an_existing_account_is_refused_and_nothing_linked(entra):
    make_user(user__email="sam@example.org", joined=False)
    with pytest.raises(SignInRefused) as refused:
        person_sign_in(provider=entra, claims=claims(entra, email_verified=False))
    assert refused.value.message == ERROR_EMAIL_NOT_VERIFIED
    assert not ExternalIdentity.objects.exists()
    assert User.objects.count() == 1


def test_without_an_email_no_account_is_made(entra):
    with pytest.raises(SignInRefused) as refused:
        person_sign_in(provider=entra, claims=Claims.read(entra, "sub-9", {"name": "x"}))
    assert refused.value.message == ERROR_NO_EMAIL
    assert not User.objects.exists()


def test_a_switched_off_account_cannot_sign_in(entra):
    user = person_sign_in(provider=entra, claims=claims(entra))
    User.objects.filter(pk=user.pk).update(is_active=False)
    with pytest.raises(SignInRefused) as refused:
        person_sign_in(provider=entra, claims=claims(entra, given_name="Changed"))
    assert refused.value.message == ERROR_ACCOUNT_SWITCHED_OFF
    assert User.objects.get(pk=user.pk).first_name == "Sam"


def test_a_user_name_already_taken_falls_back_to_the_email(entra):
    make_user(user__username="sam", user__email="other@example.org")
    user = person_sign_in(provider=entra, claims=claims(entra, preferred_username="sam"))
    assert user.username == "sam@example.org"


@override_settings(ACADEMY_SSO_PROVIDERS=[{"slug": "adfs", "protocol": "saml"}])
def test_saml_attributes_are_lists_and_emails_count_as_verified():
    adfs = providers("saml")[0]
    raw = {
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress": ["a@example.org"],
        "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups": ["g1", "g2"],
    }
    read = Claims.read(adfs, "nameid", raw)
    assert (read.email, read.email_verified, read.groups) == (
        "a@example.org",
        True,
        frozenset({"g1", "g2"}),
    )
    assert read.department is None


def test_a_connection_only_gives_and_takes_the_roles_it_maps(settings):
    """A connection that maps only mentors leaves comms staff (given in the CMS) alone; the
    mentor role follows the groups."""
    settings.ACADEMY_SSO_PROVIDERS = [{**ENTRA, "role_comms": ""}]
    desk = provider("entra", "oidc")
    user = person_sign_in(provider=desk, claims=claims(desk, groups=["grp-desk"]))
    user.groups.add(Group.objects.get(name=Role.COMMS.value))
    person_sign_in(provider=desk, claims=claims(desk, groups=["staff"]))
    assert roles_of(User.objects.get(pk=user.pk)) == {Role.EMPLOYEE, Role.COMMS}


@pytest.mark.parametrize("privilege", ["superuser", "comms", "admin", "staff"])
def test_an_account_that_can_reach_the_cms_is_not_linked_on_an_email_alone(entra, privilege):
    """Whoever holds the address at the IdP does not walk into the CMS past its second step."""
    roles = {"comms": (Role.COMMS,), "admin": (Role.ADMIN,)}.get(privilege, ())
    staff = make_user(
        *roles,
        superuser=privilege == "superuser",
        user__email="sam@example.org",
        user__is_staff=privilege == "staff",
        user__first_name="Real",
    )
    with pytest.raises(SignInRefused) as refused:
        person_sign_in(provider=entra, claims=claims(entra, email_verified=True))
    assert refused.value.message == ERROR_STAFF_ACCOUNT
    assert not ExternalIdentity.objects.exists()
    assert User.objects.get(pk=staff.pk).first_name == "Real"


def test_the_owner_signed_in_links_their_cms_account(entra):
    """Signed in with their own password (and second step), they link it with one sign-in."""
    staff = make_user(Role.COMMS, user__email="sam@example.org")
    other = make_user(Role.COMMS, user__email="someone@example.org")
    with pytest.raises(SignInRefused):
        person_sign_in(provider=entra, claims=claims(entra, email_verified=True), signed_in=other)
    verified = claims(entra, email_verified=True)
    user = person_sign_in(provider=entra, claims=verified, signed_in=staff)
    assert user.pk == staff.pk
    assert ExternalIdentity.objects.get().user_id == staff.pk
    # From then on the connection finds the account by its own id.
    assert person_sign_in(provider=entra, claims=claims(entra)).pk == staff.pk


def test_control_characters_from_the_idp_are_not_kept(entra):
    user = person_sign_in(
        provider=entra, claims=claims(entra, given_name="Sa\x00m\x07", department="Sa\x00les")
    )
    user = User.objects.get(pk=user.pk)
    assert user.first_name == "Sam"
    assert user.ambassador.department.name == "Sales"


def test_an_address_that_is_none_is_refused_with_the_reason(entra):
    with pytest.raises(SignInRefused):
        person_sign_in(provider=entra, claims=claims(entra, email="not an address"))
    assert not User.objects.exists()
