"""The download centre's portal pages (SELF-6, ACC-6): the list with its filters, and a package's
file, served only after the permission check; under a financial pendency the download is refused
with a page that says why and where to go."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.views import View
from django.views.decorators.http import require_GET

from accounts import access
from accounts.models import User
from core.errors import ForbiddenError
from core.http import private_file_response

from . import selectors, services
from .forms import PackageFilterForm
from .models import DownloadLog

PAGE_SIZE = 20
PENDENCY = "financial_pendency"


class PackageListView(LoginRequiredMixin, View):
    """ "Central de Download": the packages of the user's products, filtered by product, version,
    kind and keywords, paginated (the same number of queries whatever the page holds)."""

    template_name = "downloads/list.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        user = cast(User, request.user)  # LoginRequiredMixin
        form = PackageFilterForm(request.GET, user=user)
        filters = form.filters()
        page = Paginator(selectors.packages_list(user, filters), PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "form": form,
            "page": page,
            "filtered": filters.any,
            "blocked": access.downloads_blocked_for(user),
            "staff": access.is_staff(user),
        }
        return render(request, self.template_name, context)


@login_required
@require_GET
def package_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The package's file as a download, after the access check (404 for another product's
    package); a company with a financial pendency gets the page explaining why (403)."""
    try:
        package = services.package_download(
            actor=cast(User, request.user), pk=pk, channel=DownloadLog.Channel.PORTAL
        )
    except ForbiddenError as error:
        if error.code != PENDENCY:
            raise
        return render(request, "downloads/blocked.html", {"message": error.message}, status=403)
    return private_file_response(
        package.file, filename=package.original_name, content_type=package.content_type
    )
