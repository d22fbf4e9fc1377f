"""``{% versioned name vary_on… %}…{% endversioned %}``: a part of the frame (header,
footer, the fixed parts of the feedback form) rendered once per content version.

What ``{% cache %}`` would do with the content version among its keys, kept in the
process as well (``common.versioned.kept``): every page shows six of these parts, and
``{% cache %}`` would ask the shared cache (and unpickle its answer) six times a page.
Like ``{% cache %}``, the fragment must depend on nothing but the content, the names
``vary_on`` resolves (the language, the section) and the content version.
"""

from django import template
from django.utils.safestring import mark_safe

from ..common import versioned as kept_for_version

register = template.Library()


class VersionedNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        values = ":".join(str(value.resolve(context)) for value in self.vary_on)
        # Outside a request the middleware saw there is no version: rendered each time.
        return kept_for_version.kept(
            f"fragment:{self.name}:{values}",
            lambda: mark_safe(self.nodelist.render(context)),  # noqa: S308 - rendered by the engine
            version=getattr(context.get("request"), "content_version", None),
        )


@register.tag
def versioned(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% versioned name [vary_on …] %} needs a name")
    nodelist = parser.parse(("endversioned",))
    parser.delete_first_token()
    return VersionedNode(nodelist, bits[1], [parser.compile_filter(bit) for bit in bits[2:]])
