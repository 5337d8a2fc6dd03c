"""Company administrators manage their contacts and company data in the browser (ACC-1..3, ACC-7).

Thin views: input through forms, reads through selectors, writes through services.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from core.errors import DomainError
from core.forms import add_domain_error

from . import access, selectors, services
from .forms import ActivationForm, CompanyRegistrationForm, ContactInviteForm, ContactUpdateForm, ProfileForm
from .validators import format_cpf

UNDO_SESSION_KEY = "contact_deactivated"


class ContactRequiredMixin(LoginRequiredMixin):
    """Pages of a client contact; other roles are told so (403)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.contact = access.contact_of(request.user)
        if self.contact is None:
            raise PermissionDenied(_("Esta página é para contatos de empresas clientes."))
        return super().dispatch(request, *args, **kwargs)


class CompanyAdminRequiredMixin(ContactRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        user = request.user
        is_plain_contact = access.contact_of(user) and not access.is_company_admin(user)
        if user.is_authenticated and is_plain_contact:
            raise PermissionDenied(_("Somente administradores da empresa acessam esta página."))
        return super().dispatch(request, *args, **kwargs)


class CompanyDetailView(ContactRequiredMixin, TemplateView):
    template_name = "accounts/company_detail.html"

    def get_context_data(self, **kwargs):
        company = access.company_of_contact(self.request.user)
        return super().get_context_data(company=company, **kwargs)


class CompanyUpdateView(CompanyAdminRequiredMixin, View):
    template_name = "accounts/company_form.html"

    def get(self, request):
        company = access.company_of_contact(request.user)
        return render(
            request,
            self.template_name,
            {"form": CompanyRegistrationForm(instance=company), "company": company},
        )

    def post(self, request):
        company = access.company_of_contact(request.user)
        form = CompanyRegistrationForm(request.POST, instance=access.company_of_contact(request.user))
        if form.is_valid():
            try:
                services.company_update_registration(
                    actor=request.user,
                    company=company,
                    **{name: form.cleaned_data[name] for name in form.fields},
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Dados cadastrais atualizados."))
                return redirect("company-detail")
        return render(request, self.template_name, {"form": form, "company": company}, status=400)


class ContactListView(CompanyAdminRequiredMixin, TemplateView):
    template_name = "accounts/contact_list.html"
    paginate_by = 25

    STATUS_FILTERS = (
        ("", gettext_lazy("Todos")),
        ("active", gettext_lazy("Ativos")),
        ("pending", gettext_lazy("Aguardando ativação")),
        ("inactive", gettext_lazy("Desativados")),
        ("admins", gettext_lazy("Administradores")),
    )

    def get_context_data(self, **kwargs):
        search = self.request.GET.get("q", "").strip()[:100]
        status = self.request.GET.get("status", "")
        if status not in dict(self.STATUS_FILTERS):
            status = ""
        contacts = selectors.contacts_managed_by(self.request.user, search=search, status=status)
        page = Paginator(contacts, self.paginate_by).get_page(self.request.GET.get("page"))
        undo_pk = None if self.request.htmx else self.request.session.pop(UNDO_SESSION_KEY, None)
        managed = selectors.contacts_managed_by(self.request.user)
        undo = managed.filter(pk=undo_pk).first() if undo_pk else None
        return super().get_context_data(
            page=page,
            search=search,
            status=status,
            status_filters=self.STATUS_FILTERS,
            sole_admin_id=selectors.company_sole_admin_id(self.request.user),
            undo=undo,
            **kwargs,
        )

    def get_template_names(self):
        if self.request.htmx:
            return ["accounts/_contact_table.html"]
        return [self.template_name]


class ContactInviteView(CompanyAdminRequiredMixin, View):
    template_name = "accounts/contact_invite.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ContactInviteForm()})

    def post(self, request):
        form = ContactInviteForm(request.POST)
        if form.is_valid():
            try:
                services.contact_invite(actor=request.user, company=self.contact.company, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _("Convite enviado para %(email)s. O link de ativação vale %(days)s dias.")
                    % {
                        "email": form.cleaned_data["email"].strip().lower(),
                        "days": settings.INVITATION_TIMEOUT_DAYS,
                    },
                )
                return redirect("contact-list")
        return render(request, self.template_name, {"form": form}, status=400)


class ContactUpdateView(CompanyAdminRequiredMixin, View):
    template_name = "accounts/contact_form.html"

    def get(self, request, pk: int):
        contact = selectors.contact_get_managed(request.user, pk)
        return render(
            request, self.template_name, {"form": ContactUpdateForm.for_contact(contact), "contact": contact}
        )

    def post(self, request, pk: int):
        contact = selectors.contact_get_managed(request.user, pk)
        form = ContactUpdateForm.for_contact(contact, data=request.POST)
        if form.is_valid():
            try:
                services.contact_update(actor=request.user, contact=contact, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request, _("Contato %(name)s atualizado.") % {"name": contact.user.full_name}
                )
                return redirect("contact-list")
        return render(request, self.template_name, {"form": form, "contact": contact}, status=400)


class ContactActionView(CompanyAdminRequiredMixin, View):
    """POST-only state changes on a contact (no state change on GET)."""

    http_method_names = ["post"]

    ACTIONS = {
        "desativar": (
            lambda actor, contact: services.contact_deactivate(actor=actor, contact=contact),
            gettext_lazy("Acesso de %(name)s desativado: não é mais possível entrar com este login."),
        ),
        "reativar": (
            lambda actor, contact: services.contact_reactivate(actor=actor, contact=contact),
            gettext_lazy("Acesso de %(name)s reativado."),
        ),
        "promover": (
            lambda actor, contact: services.contact_set_admin(actor=actor, contact=contact, is_admin=True),
            gettext_lazy("%(name)s agora tem o perfil de administrador da empresa."),
        ),
        "rebaixar": (
            lambda actor, contact: services.contact_set_admin(actor=actor, contact=contact, is_admin=False),
            gettext_lazy("%(name)s não tem mais o perfil de administrador."),
        ),
        "reenviar-convite": (
            lambda actor, contact: services.contact_resend_invitation(actor=actor, contact=contact),
            gettext_lazy("Novo convite enviado para %(name)s; o link anterior deixou de valer."),
        ),
    }

    def post(self, request, pk: int, action: str):
        contact = selectors.contact_get_managed(request.user, pk)
        service, success_message = self.ACTIONS[action]
        try:
            service(request.user, contact)
        except DomainError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(reverse("contact-list"))
        messages.success(request, success_message % {"name": contact.user.full_name})
        if contact.user_id == request.user.id and action in ("rebaixar", "desativar"):
            return redirect("home")
        if action == "desativar":
            # The list offers to undo it once, right where the administrator lands.
            request.session[UNDO_SESSION_KEY] = contact.pk
        return HttpResponseRedirect(reverse("contact-list"))


class ContactDeactivateConfirmView(CompanyAdminRequiredMixin, View):
    """Deactivating asks first: what it does, what it keeps, how to undo it. The page only shows a
    form; the change itself is the POST of the action view."""

    def get(self, request, pk: int):
        contact = selectors.contact_get_managed(request.user, pk)
        sole_admin = selectors.company_sole_admin_id(request.user) == contact.pk
        return render(
            request, "accounts/contact_deactivate.html", {"contact": contact, "sole_admin": sole_admin}
        )


class ActivationView(View):
    """The one-time invitation link: the contact sets a strong password (ACC-2)."""

    template_name = "accounts/activate.html"

    def get(self, request, token: str):
        invited = services.invitation_token_read(token)
        if invited is None:
            return render(request, "accounts/activate_invalid.html", status=404)
        return render(request, self.template_name, {"form": ActivationForm(user=invited), "invited": invited})

    def post(self, request, token: str):
        invited = services.invitation_token_read(token)
        if invited is None:
            return render(request, "accounts/activate_invalid.html", status=404)
        form = ActivationForm(request.POST, user=invited)
        if form.is_valid():
            try:
                services.user_activate(token=token, password=form.cleaned_data["password1"])
            except DomainError as error:
                add_domain_error(form, error)
            else:
                if request.user.is_authenticated:
                    logout(request)
                messages.success(request, _("Senha definida. Entre com seu e-mail e a nova senha."))
                return redirect(reverse("account_login") + "?" + urlencode({"email": invited.email}))
        return render(request, self.template_name, {"form": form, "invited": invited}, status=400)


class ProfileView(LoginRequiredMixin, View):
    template_name = "accounts/profile.html"

    def _form(self, data=None):
        contact = access.contact_of(self.request.user)
        form = ProfileForm(
            data=data,
            initial={
                "full_name": self.request.user.full_name,
                "phone": contact.phone if contact else "",
                "language": self.request.user.language,
            },
        )
        if contact is None:
            del form.fields["phone"]
        return form, contact

    def _page(self, request, form, contact, *, status=200):
        context = {"form": form, "contact": contact, "cpf": format_cpf(contact.cpf) if contact else ""}
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        form, contact = self._form()
        return self._page(request, form, contact)

    def post(self, request):
        form, contact = self._form(request.POST)
        if form.is_valid():
            services.user_update_profile(
                actor=request.user,
                full_name=form.cleaned_data["full_name"],
                phone=form.cleaned_data.get("phone"),
                language=form.cleaned_data["language"],
            )
            messages.success(request, _("Perfil atualizado."))
            return redirect("profile")
        return self._page(request, form, contact, status=400)


class ApiTokenListView(LoginRequiredMixin, View):
    """The user's API tokens, one per device, each revocable on its own (SEC-6)."""

    def get(self, request):
        tokens = list(selectors.api_tokens_of(request.user)[:100])
        return render(request, "accounts/api_tokens.html", {"tokens": tokens, "now": timezone.now()})


class ApiTokenRevokeView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        token = services.api_token_revoke_one(actor=request.user, token_id=pk)
        messages.success(request, _("Token “%(name)s” revogado.") % {"name": token.name})
        return redirect("api-tokens")
