"""Reference codes (cities, industries, degrees, disciplines, languages, countries, employers)
read from spreadsheets and the API, each unknown code reported by the field that named it."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from returnee_home.core.models import (
    City,
    Country,
    DegreeLevel,
    Discipline,
    IndustryCluster,
    Language,
)
from returnee_home.orgs.models import Organisation, OrgKind


class UnknownCode(ValueError):
    """An unknown code: `str()` is the message for the person."""


class References:
    """Code → object lookups, loaded once per import or request."""

    def __init__(self) -> None:
        self.cities = {c.code: c for c in City.objects.all()}
        self.industries = {i.code: i for i in IndustryCluster.objects.all()}
        self.degrees = {d.code: d for d in DegreeLevel.objects.all()}
        self.disciplines = {d.code: d for d in Discipline.objects.all()}
        self.languages = {lang.code: lang for lang in Language.objects.all()}
        self.countries = {c.code: c for c in Country.objects.all()}

    @staticmethod
    def _one(table: dict[str, Any], code: Any, what: Any) -> Any:
        code = str(code or "").strip()
        if not code:
            return None
        found = table.get(code) or table.get(code.lower()) or table.get(code.upper())
        if found is None:
            raise UnknownCode(_("Unknown %(what)s code “%(code)s”.") % {"what": what, "code": code})
        return found

    def _many(self, table: dict[str, Any], codes: Any, what: Any) -> list[Any]:
        if isinstance(codes, str):
            codes = codes.replace("；", ";").replace(",", ";").replace("，", ";").split(";")
        return [self._one(table, code, what) for code in codes or [] if str(code).strip()]

    def city(self, code: Any) -> Any:
        return self._one(self.cities, code, _("city"))

    def industry(self, code: Any) -> Any:
        return self._one(self.industries, code, _("industry"))

    def degree(self, code: Any) -> Any:
        return self._one(self.degrees, code, _("degree level"))

    def discipline(self, code: Any) -> Any:
        return self._one(self.disciplines, code, _("discipline"))

    def country(self, code: Any) -> Any:
        return self._one(self.countries, code, _("country or region"))

    def disciplines_of(self, codes: Any) -> list[Any]:
        return self._many(self.disciplines, codes, _("discipline"))

    def languages_of(self, codes: Any) -> list[Any]:
        return self._many(self.languages, codes, _("language"))

    def cities_of(self, codes: Any) -> list[Any]:
        return self._many(self.cities, codes, _("city"))

    def industries_of(self, codes: Any) -> list[Any]:
        return self._many(self.industries, codes, _("industry"))


def employer_by_code(code: str) -> Organisation:
    """A verified, active employer by its unified social credit code (or its id)."""
    code = str(code or "").strip()
    qs = Organisation.objects.filter(kind=OrgKind.EMPLOYER, is_active=True)
    condition = Q(credit_code=code.upper())
    if code.isdigit() and len(code) < 12:
        condition |= Q(pk=int(code))
    found = qs.filter(condition).first() if code else None
    if found is None:
        raise UnknownCode(
            _("No employer on the platform has the code “%(code)s”.") % {"code": code}
        )
    return found
