"""The phone channel's desk in the back-office (CHN-2): no table of its own."""

from django.utils.translation import gettext_lazy as _

from .ticket import Ticket


class PhoneDesk(Ticket):
    """A proxy of the ticket, only so that the back-office's menu lists the phone desk (where an
    analyst finds the caller by CPF or e-mail and opens a ticket in their name) beside the queue.
    Its admin (tickets/admin/phone.py) exposes no list or form of rows."""

    class Meta:
        proxy = True
        verbose_name = _("atendimento por telefone")
        verbose_name_plural = _("atendimento por telefone")
        default_permissions = ()
