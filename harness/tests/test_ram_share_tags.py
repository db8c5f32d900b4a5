"""AWS RAM resource shares keep their tags; TagResource and UntagResource."""

import unittest

from botocore.exceptions import ClientError

from .support import LocalAwsTest

NETWORKING = "999999999999"


class RamShareTagsTest(LocalAwsTest):
    def setUp(self):
        super().setUp()
        self.ram = self.client("ram", NETWORKING)
        created = self.ram.create_resource_share(
            name="hub", tags=[{"key": "Name", "value": "hub"}, {"key": "Env", "value": "dev"}],
        )["resourceShare"]
        self.share = created["resourceShareArn"]
        self.created_tags = created["tags"]
        # Another share, so that a read by ARN must pick the right one.
        self.ram.create_resource_share(name="other", tags=[{"key": "Name", "value": "other"}])

    def tags(self):
        [share] = self.ram.get_resource_shares(
            resourceOwner="SELF", resourceShareArns=[self.share])["resourceShares"]
        return {t["key"]: t["value"] for t in share["tags"]}

    def test_a_share_keeps_the_tags_it_is_created_with(self):
        self.assertEqual({t["key"]: t["value"] for t in self.created_tags},
                         {"Name": "hub", "Env": "dev"})
        self.assertEqual(self.tags(), {"Name": "hub", "Env": "dev"})

    def test_tags_are_added_replaced_and_removed(self):
        self.ram.tag_resource(resourceShareArn=self.share,
                              tags=[{"key": "Env", "value": "prod"}, {"key": "Team", "value": "net"}])
        self.assertEqual(self.tags(), {"Name": "hub", "Env": "prod", "Team": "net"})
        self.ram.untag_resource(resourceShareArn=self.share, tagKeys=["Name", "Team"])
        self.assertEqual(self.tags(), {"Env": "prod"})

    def test_an_unknown_share_is_unknown(self):
        self.ram.delete_resource_share(resourceShareArn=self.share)
        with self.assertRaises(ClientError) as raised:
            self.ram.tag_resource(resourceShareArn=self.share, tags=[{"key": "a", "value": "b"}])
        self.assertEqual(raised.exception.response["Error"]["Code"], "UnknownResourceException")


if __name__ == "__main__":
    unittest.main()
