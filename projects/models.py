# PLACEHOLDER until the catalogue lands (issue 3): the contract the site package uses.


class _Manager:
    def featured(self):
        return []


class Project:
    objects = _Manager()


def latest_public_change():
    return None
