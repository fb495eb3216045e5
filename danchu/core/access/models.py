"""Users, the table of roles, role assignments at a unit, and API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danchu.core.people.domain.phone import normalise_phone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(
        self,
        *,
        phone: str | None = None,
        email: str | None = None,
        password: str | None = None,
        **extra,
    ) -> User:
        if not phone and not email:
            raise ValueError("A user needs a phone number or an e-mail address.")
        user = self.model(
            phone=normalise_phone(phone) if phone else None,
            email=self.normalize_email(email).lower() if email else None,
            **extra,
        )
        if phone and user.phone is None:
            raise ValueError(f"Invalid phone number: {phone!r}")
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, login: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        if "@" in login:
            return self.create_user(email=login, password=password, **extra)
        return self.create_user(phone=login, password=password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A login. People sign in with their phone number or e-mail address."""

    login = models.CharField(_("login"), max_length=254, unique=True, editable=False)
    phone = models.CharField(_("phone"), max_length=15, unique=True, null=True, blank=True)
    email = models.EmailField(_("e-mail"), unique=True, null=True, blank=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "login"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.login

    def save(self, *args, **kwargs) -> None:
        self.login = self.phone or (self.email or "").lower()
        super().save(*args, **kwargs)


class Role(models.Model):
    """The one table of roles. ``covers_descendants`` says whether a role held at a unit also
    applies to every unit below it (a commune officer covers its villages; a village head
    covers only the village)."""

    code = models.CharField(_("code"), max_length=40, primary_key=True)
    name = models.CharField(_("name"), max_length=120)
    covers_descendants = models.BooleanField(_("covers units below"), default=False)
    is_official = models.BooleanField(_("official role"), default=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class RoleAssignmentQuerySet(models.QuerySet):
    def active_on(self, day) -> RoleAssignmentQuerySet:
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="assignments")
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="role_assignments"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    appointed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="appointments_made"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        indexes = [models.Index(fields=["user", "valid_to"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.role_id} @ {self.unit_id}"


class ApiToken(models.Model):
    """A token for integrations. Only a SHA-256 digest of the secret is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=120)
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
