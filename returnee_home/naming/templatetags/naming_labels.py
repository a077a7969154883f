"""`{% load naming_labels %}{{ home.batch_label|batch_label }}`: a Home's stored batch label
(2021年第一批) in the current language (2021, batch 1 in English)."""

from django import template

from returnee_home.naming.labels import localise_batch_label

register = template.Library()


@register.filter
def batch_label(value: str) -> str:
    return localise_batch_label(value)
