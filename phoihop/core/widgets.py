"""Form widgets shared by the apps."""

from django import forms


class OnDemandSelect(forms.Select):
    """A select whose long list of options is fetched when it comes into view.

    The page renders only "all" and the selected option (so the page costs no query for
    hundreds of options); htmx then replaces the options with those of `url`, which
    receives the current value under the field's name and marks it selected.
    """

    def __init__(self, url: str, attrs=None):
        super().__init__(attrs)
        self.url = url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "hx-get": str(self.url),
                "hx-trigger": "intersect once",
                # Its own target and no history entry, whatever the form around it says.
                "hx-target": "this",
                "hx-swap": "innerHTML",
                "hx-push-url": "false",
                "hx-sync": "this:drop",
            }
        )
        return context
