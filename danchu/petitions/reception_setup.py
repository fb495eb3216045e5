"""What the reception step registers when the app is ready: its audit actions, the posted
schedule's document type (``petitions.reception_schedule``) and the notification kind telling a
citizen that the day they booked was postponed (``petitions.reception_postponed``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danchu.core.audit.registry import register_actions


def register() -> None:
    from danchu.core.documents.registry import register_document_type
    from danchu.core.notify.domain.preferences import IN_APP, SMS
    from danchu.core.notify.registry import register_notification_kind
    from danchu.petitions import services_reception as services
    from danchu.petitions.documents_reception import build_reception_schedule

    register_actions(
        {
            services.REFUSED: _("Petitions: reception step refused"),
            services.SCHEDULE_PUBLISHED: _("Petitions: reception day posted"),
            services.SCHEDULE_POSTPONED: _("Petitions: reception day postponed"),
            services.BOOKING_MADE: _("Petitions: reception slot booked"),
            services.BOOKING_CANCELLED: _("Petitions: reception booking cancelled"),
            services.ENTRY_RECORDED: _("Petitions: reception logbook entry recorded"),
            services.ENTRY_ANSWERED: _("Petitions: leader's answer recorded"),
            services.ENTRY_REFUSED: _("Petitions: reception refused (Art. 9)"),
            services.ENTRY_CONVERTED: _("Petitions: reception converted into a case"),
            services.LOGBOOK_EXPORTED: _("Petitions: reception logbook exported"),
        }
    )
    register_document_type(
        services.SCHEDULE_DOCUMENT,
        label=_("Citizen reception schedule"),
        build=build_reception_schedule,
    )
    register_notification_kind(
        services.POSTPONED_NOTIFICATION,
        _("A reception day you booked was postponed"),
        urgent=True,
        default_channels=(IN_APP, SMS),
    )
