# PLACEHOLDER: the app's seed loader lands with its issue.


def load(*, demo=False, stdout=None):
    return 0
