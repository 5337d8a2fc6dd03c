"""Tenancy and people: companies (tenants), partner units, contacts, consultants and analysts.

TEN-1..3 and ACC-1..7 in ../shared/SPEC.md. Writes go through accounts/services/.
"""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import format_cnpj, format_cpf, validate_cep, validate_cnpj, validate_cpf, validate_phone


class UF(models.TextChoices):
    AC = "AC", "Acre"
    AL = "AL", "Alagoas"
    AP = "AP", "Amapá"
    AM = "AM", "Amazonas"
    BA = "BA", "Bahia"
    CE = "CE", "Ceará"
    DF = "DF", "Distrito Federal"
    ES = "ES", "Espírito Santo"
    GO = "GO", "Goiás"
    MA = "MA", "Maranhão"
    MT = "MT", "Mato Grosso"
    MS = "MS", "Mato Grosso do Sul"
    MG = "MG", "Minas Gerais"
    PA = "PA", "Pará"
    PB = "PB", "Paraíba"
    PR = "PR", "Paraná"
    PE = "PE", "Pernambuco"
    PI = "PI", "Piauí"
    RJ = "RJ", "Rio de Janeiro"
    RN = "RN", "Rio Grande do Norte"
    RS = "RS", "Rio Grande do Sul"
    RO = "RO", "Rondônia"
    RR = "RR", "Roraima"
    SC = "SC", "Santa Catarina"
    SP = "SP", "São Paulo"
    SE = "SE", "Sergipe"
    TO = "TO", "Tocantins"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An e-mail is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.update(is_staff=True, is_superuser=True, role=User.Role.LEADER)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """Everyone who logs in: by e-mail, never by username (ACC-2).

    `role` says which profile the user has: a Contact (client), a PartnerConsultant, or an
    analyst/leader of the vendor's support (staff, who work in the Django admin).
    """

    class Role(models.TextChoices):
        CONTACT = "contact", _("Contato de cliente")
        PARTNER = "partner", _("Consultor de parceiro")
        ANALYST = "analyst", _("Analista")
        LEADER = "leader", _("Líder")

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("nome completo"), max_length=150)
    role = models.CharField(_("papel"), max_length=16, choices=Role.choices, default=Role.CONTACT)
    language = models.CharField(
        _("idioma"),
        max_length=8,
        choices=[("pt-br", "Português (Brasil)"), ("en", "English")],
        default="pt-br",
    )
    is_active = models.BooleanField(
        _("ativo"),
        default=True,
        help_text=_("Desmarque para bloquear o acesso sem apagar o histórico."),
    )
    is_staff = models.BooleanField(_("acesso ao back-office"), default=False)
    date_joined = models.DateTimeField(_("cadastrado em"), default=timezone.now)
    invited_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("convidado por"),
    )
    invited_at = models.DateTimeField(_("convite enviado em"), null=True, blank=True)
    activated_at = models.DateTimeField(
        _("ativado em"),
        null=True,
        blank=True,
        help_text=_("Quando a pessoa definiu a primeira senha."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("usuário")
        verbose_name_plural = _("usuários")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_analyst(self) -> bool:
        """Vendor support staff (analysts and leaders): they see every company (TEN-2)."""
        return self.is_active and self.role in (self.Role.ANALYST, self.Role.LEADER)

    @property
    def is_leader(self) -> bool:
        return self.is_active and self.role == self.Role.LEADER

    @property
    def is_pending_activation(self) -> bool:
        return self.activated_at is None and not self.has_usable_password()


class ProductLine(models.Model):
    """A product line a company contracts (e.g. ERP, HR, retail); policies hang on it."""

    name = models.CharField(_("nome"), max_length=80, unique=True)
    slug = models.SlugField(_("identificador"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("linha de produto")
        verbose_name_plural = _("linhas de produto")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnerUnit(models.Model):
    """A franchise unit, project, certified consultancy or AMS acting for client companies (TEN-3)."""

    class Kind(models.TextChoices):
        UNIT = "unit", _("Unidade / franquia")
        PROJECT = "project", _("Projeto")
        CERTIFIED = "certified", _("Consultoria homologada")
        AMS = "ams", _("AMS")

    name = models.CharField(_("nome"), max_length=150)
    cnpj = models.CharField(_("CNPJ"), max_length=14, unique=True, validators=[validate_cnpj])
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind.choices, default=Kind.UNIT)
    is_active = models.BooleanField(_("ativa"), default=True)

    class Meta:
        verbose_name = _("unidade parceira")
        verbose_name_plural = _("unidades parceiras")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def cnpj_display(self) -> str:
        return format_cnpj(self.cnpj)


class Company(models.Model):
    """A client company: the tenant every piece of client data belongs to (TEN-1, TEN-2)."""

    class SupportOffer(models.TextChoices):
        STANDARD = "standard", _("Standard")
        PRIME = "prime", _("Prime")

    class FinancialStatus(models.TextChoices):
        REGULAR = "regular", _("Regular")
        PENDENCY = "pendency", _("Pendência financeira")

    legal_name = models.CharField(_("razão social"), max_length=200)
    trade_name = models.CharField(_("nome fantasia"), max_length=200)
    cnpj = models.CharField(_("CNPJ"), max_length=14, unique=True, validators=[validate_cnpj])
    state = models.CharField(_("UF"), max_length=2, choices=UF.choices)
    municipality = models.CharField(_("município"), max_length=120)
    address = models.CharField(_("endereço"), max_length=250, blank=True)
    postal_code = models.CharField(_("CEP"), max_length=8, blank=True, validators=[validate_cep])
    billing_address = models.CharField(
        _("endereço de cobrança"), max_length=250, blank=True, help_text=_("Deixe em branco se for o mesmo.")
    )
    billing_email = models.EmailField(_("e-mail de cobrança"), blank=True)
    phone = models.CharField(_("telefone"), max_length=20, blank=True, validators=[validate_phone])
    product_lines = models.ManyToManyField(
        ProductLine, verbose_name=_("linhas de produto"), related_name="companies", blank=True
    )
    support_offer = models.CharField(
        _("oferta de suporte"), max_length=16, choices=SupportOffer.choices, default=SupportOffer.STANDARD
    )
    financial_status = models.CharField(
        _("situação financeira"),
        max_length=16,
        choices=FinancialStatus.choices,
        default=FinancialStatus.REGULAR,
    )
    financial_note = models.CharField(
        _("observação financeira"),
        max_length=250,
        blank=True,
        help_text=_("Mostrada aos contatos enquanto houver pendência."),
    )
    partner_unit = models.ForeignKey(
        PartnerUnit,
        verbose_name=_("unidade parceira"),
        related_name="companies",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    is_active = models.BooleanField(_("ativa"), default=True)
    created_at = models.DateTimeField(_("criada em"), auto_now_add=True)
    updated_at = models.DateTimeField(_("atualizada em"), auto_now=True)

    class Meta:
        verbose_name = _("empresa")
        verbose_name_plural = _("empresas")
        ordering = ["trade_name"]
        indexes = [models.Index(fields=["state", "municipality"])]

    def __str__(self) -> str:
        return self.trade_name

    @property
    def cnpj_display(self) -> str:
        return format_cnpj(self.cnpj)

    @property
    def has_financial_pendency(self) -> bool:
        return self.financial_status == self.FinancialStatus.PENDENCY


class Contact(models.Model):
    """A client company's employee who uses the portal (ACC-3). Active flag is the user's."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="contact", verbose_name=_("usuário")
    )
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("empresa")
    )
    cpf = models.CharField(_("CPF"), max_length=11, validators=[validate_cpf])
    phone = models.CharField(_("telefone"), max_length=20, blank=True, validators=[validate_phone])
    can_open_tickets = models.BooleanField(_("abre chamados"), default=True)
    can_see_company_tickets = models.BooleanField(
        _("vê todos os chamados da empresa"), default=False, help_text=_("Sem esta permissão, vê só os seus.")
    )
    can_authorize_consultancy = models.BooleanField(
        _("autoriza consultoria faturável"),
        default=False,
        help_text=_("Pode aceitar termos de consultoria."),
    )
    is_company_admin = models.BooleanField(
        _("administrador da empresa"),
        default=False,
        help_text=_("Gerencia os contatos e os dados cadastrais da empresa."),
    )
    created_at = models.DateTimeField(_("criado em"), auto_now_add=True)

    class Meta:
        verbose_name = _("contato")
        verbose_name_plural = _("contatos")
        ordering = ["user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "cpf"], name="contact_cpf_unique_per_company")
        ]
        indexes = [models.Index(fields=["company", "is_company_admin"])]

    def __str__(self) -> str:
        return f"{self.user.full_name} ({self.company})"

    @property
    def is_active(self) -> bool:
        return self.user.is_active

    @property
    def cpf_display(self) -> str:
        return format_cpf(self.cpf)

    @property
    def is_pending_activation(self) -> bool:
        return self.user.activated_at is None


class PartnerConsultant(models.Model):
    """A consultant of a partner unit; acts for the companies that unit serves (TEN-3)."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="partner_consultant", verbose_name=_("usuário")
    )
    unit = models.ForeignKey(
        PartnerUnit, on_delete=models.PROTECT, related_name="consultants", verbose_name=_("unidade parceira")
    )
    cpf = models.CharField(_("CPF"), max_length=11, validators=[validate_cpf], blank=True)
    phone = models.CharField(_("telefone"), max_length=20, blank=True, validators=[validate_phone])

    class Meta:
        verbose_name = _("consultor de parceiro")
        verbose_name_plural = _("consultores de parceiros")

    def __str__(self) -> str:
        return f"{self.user.full_name} ({self.unit})"


class ApiToken(models.Model):
    """An API token of one device (SEC-6): it expires, may be revoked on its own, and only its
    SHA-256 is stored; the token itself is shown once, when issued."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("usuário")
    )
    name = models.CharField(_("dispositivo"), max_length=80)
    key_hash = models.CharField(_("resumo da chave"), max_length=64, unique=True, editable=False)
    key_hint = models.CharField(_("início da chave"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("criado em"), default=timezone.now)
    last_used_at = models.DateTimeField(_("último uso"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expira em"))
    revoked_at = models.DateTimeField(_("revogado em"), null=True, blank=True)

    class Meta:
        verbose_name = _("token de API")
        verbose_name_plural = _("tokens de API")
        indexes = [models.Index(fields=["user", "revoked_at"], name="accounts_apitoken_user_live")]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_hint}…)"
