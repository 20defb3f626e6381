"""Writes for units and people: the directory screens, the bulk import and the plan import all come through here."""

from tongxin.orgs.services.importing import ImportResult, directory_import
from tongxin.orgs.services.people import person_create, person_update
from tongxin.orgs.services.resolver import OrgResolver, guess_kind
from tongxin.orgs.services.units import (
    OrgError,
    organisation_create,
    organisation_deactivate,
    organisation_merge,
    organisation_move,
    organisation_set_members,
    organisation_update,
)

__all__ = [
    "ImportResult",
    "directory_import",
    "OrgError",
    "OrgResolver",
    "guess_kind",
    "organisation_create",
    "organisation_deactivate",
    "organisation_merge",
    "organisation_move",
    "organisation_set_members",
    "organisation_update",
    "person_create",
    "person_update",
]
