from django import template

from treaty import rules

register = template.Library()


@register.filter
def initial_report_deadline(bound_from):
    """`{{ state.obligations_from|initial_report_deadline }}`: Article 7(1), 180 days after the obligations began."""
    return rules.initial_report_deadline(bound_from)


@register.filter
def first_annual_report_deadline(bound_from):
    """`{{ state.obligations_from|first_annual_report_deadline }}`: the first 30 April an annual report is due."""
    return rules.first_annual_report_deadline(bound_from)
