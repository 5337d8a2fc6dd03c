"""Form rendering for the whole project: Bootstrap markup, labels, errors next to fields."""

from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    form_template_name = "forms/portal_form.html"
    field_template_name = "forms/portal_field.html"
