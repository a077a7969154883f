from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from returnee_home.core.models import AuditRecord
from returnee_home.orgs.models import Role
from returnee_home.orgs.selectors import roles_of


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if Role.PROVINCE_ADMIN not in roles_of(request.user):
        raise PermissionDenied
    return render(request, "core/audit_log.html", {"records": AuditRecord.objects.all()[:100]})
