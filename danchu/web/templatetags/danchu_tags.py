"""Template helpers of the web shell."""

from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, param: str, number: int) -> str:
    """The current URL's query string with ``param`` set to ``number``."""
    request = context["request"]
    query: QueryDict = request.GET.copy()
    query[param] = str(number)
    return f"?{query.urlencode()}"
