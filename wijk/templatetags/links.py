"""``{% absolute_url path %}``: a full link to the site for e-mails and print (see ``lib.links``)."""

from django import template

from lib import links

register = template.Library()


@register.simple_tag
def absolute_url(path="/"):
    return links.absolute_url(str(path))
