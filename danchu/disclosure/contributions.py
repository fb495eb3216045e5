"""What the disclosure pillar contributes to the core registries (called from AppConfig.ready)."""

from importlib import import_module

from django.utils.translation import gettext_lazy as _

AUDIT_ACTIONS = {
    "disclosure.publication_created": _("Publication drafted"),
    "disclosure.decision_date_changed": _("Date of the published decision changed"),
    "disclosure.publication_scheduled": _("Publication scheduled"),
    "disclosure.publication_published": _("Publication published"),
    "disclosure.publication_corrected": _("Publication corrected"),
    "disclosure.posting_ended": _("Posting period ended"),
    "disclosure.channel_recorded": _("Publicity channel recorded"),
    "disclosure.broadcast_logged": _("Loudspeaker broadcast logged"),
    "disclosure.relay_confirmed": _("Village relay confirmed"),
    "disclosure.quarterly_list_generated": _("Quarterly list of publications generated"),
    "disclosure.request_received": _("Information request received"),
    "disclosure.request_extended": _("Information request deadline extended"),
    "disclosure.request_marked_complex": _("Information request classified as complex"),
    "disclosure.request_answered": _("Information provided"),
    "disclosure.request_refused": _("Information request refused"),
}


def register_all() -> None:
    from danchu.core.audit.registry import register_actions
    from danchu.disclosure.permissions import register_permissions

    register_actions(AUDIT_ACTIONS)
    register_permissions()
    _register_unit_links()
    # Each area adds its own contributions (search kinds, notification kinds, document types,
    # job kinds) from its module's register() below.
    for module in ("publications_setup", "requests_setup", "compliance_setup"):
        try:
            imported = import_module(f"danchu.disclosure.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"danchu.disclosure.{module}":
                raise
            continue
        imported.register()


def _register_unit_links() -> None:
    from danchu.core.units.links import register_unit_link
    from danchu.disclosure.permissions import HANDLE_REQUESTS, VIEW_COMPLIANCE, VIEW_PUBLISHED

    register_unit_link(
        "disclosure.request_new",
        _("Request information"),
        "disclosure:request_new",
        permission=VIEW_PUBLISHED,
        levels=("commune", "agency"),
    )
    register_unit_link(
        "disclosure.request_list",
        _("Information requests"),
        "disclosure:request_list",
        permission=HANDLE_REQUESTS,
        levels=("commune", "organisation"),
        official=True,
    )
    register_unit_link(
        "disclosure.compliance",
        _("Publicity compliance"),
        "disclosure:compliance_unit",
        permission=VIEW_COMPLIANCE,
        levels=("province", "commune", "organisation"),
        official=True,
    )
