"""What the workflow step registers when the app is ready: audit actions, the notices' document
types, the deadline notification kinds and the daily alert task."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danchu.core.audit.registry import register_actions


def register() -> None:
    from danchu.core.documents.registry import register_document_type
    from danchu.core.notify.domain.preferences import EMAIL, IN_APP
    from danchu.core.notify.registry import register_notification_kind
    from danchu.petitions import documents_workflow as docs
    from danchu.petitions import services_oversight as oversight
    from danchu.petitions import services_workflow as services
    from danchu.petitions import tasks_workflow  # noqa: F401  (huey learns the periodic task)
    from danchu.petitions.permissions import HANDLE
    from danchu.petitions.services_intake import RECEIVED_BY_TRANSFER_ACTION

    register_actions(
        {
            services.REFUSED_ACTION: _("Petitions: a step was refused"),
            "petitions.case_accepted": _("Petitions: case accepted"),
            "petitions.case_not_accepted": _("Petitions: case not accepted"),
            "petitions.case_transferred_notified": _("Petitions: case transferred"),
            "petitions.complaint_dialogue": _("Petitions: dialogue held"),
            "petitions.complaint_resolved": _("Petitions: complaint resolved"),
            "petitions.case_withdrawn": _("Petitions: case withdrawn"),
            "petitions.withdrawal_continued": _("Petitions: withdrawn, but processing continues"),
            "petitions.denunciation_extended": _("Petitions: denunciation extended"),
            "petitions.denunciation_concluded": _("Petitions: denunciation concluded"),
            "petitions.conclusion_published": _("Petitions: conclusion published"),
            "petitions.petition_answered": _("Petitions: feedback answered"),
            "petitions.information_checked": _("Petitions: information checked"),
            "petitions.case_closed": _("Petitions: case closed"),
            services.DEADLINE_ALERT_ACTION: _("Petitions: deadline alert sent"),
            services.OVERDUE_ACTION: _("Petitions: overdue case escalated"),
            services.TERMS_ACTION: _("Petitions: time-limit circumstances set"),
            services.ACCUSED_ACTION: _("Petitions: person complained about or denounced recorded"),
            RECEIVED_BY_TRANSFER_ACTION: _("Petitions: case received by transfer"),
            oversight.REQUEST_ACTION: _("Petitions: the superior asked for a report on a delay"),
            oversight.REPORT_ACTION: _("Petitions: report on a delay sent to the superior"),
        }
    )
    labels = {
        docs.ACCEPTANCE_NOTICE: _("Notice of acceptance"),
        docs.REFUSAL_NOTICE: _("Notice of non-acceptance"),
        docs.TRANSFER_NOTICE: _("Notice of transfer"),
        docs.EXTENSION_NOTICE: _("Decision to extend"),
        docs.DIALOGUE_MINUTES: _("Minutes of the dialogue"),
        docs.CONCLUSION_NOTICE: _("Decision, conclusion or answer"),
        docs.PUBLICATION_NOTICE: _("Publication of the conclusion"),
        docs.WITHDRAWAL_NOTICE: _("Notice of withdrawal"),
    }
    for name, label in labels.items():
        register_document_type(
            name,
            label=label,
            build=docs.build_notice,
            view_permission=HANDLE,
            generate_permission=HANDLE,
        )
    register_notification_kind(
        services.DEADLINE_NOTIFICATION,
        _("A case you handle is close to its deadline"),
        urgent=False,
        default_channels=(IN_APP, EMAIL),
    )
    register_notification_kind(
        services.OVERDUE_NOTIFICATION,
        _("A case of your unit is overdue"),
        urgent=True,
        default_channels=(IN_APP, EMAIL),
    )
