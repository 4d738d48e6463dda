resource "aws_dlm_lifecycle_policy" "volumes" {
  description        = "volume snapshots"
  execution_role_arn = "arn:aws:iam::123456789012:role/dlm"
  policy_details {
    resource_types = ["VOLUME"]
    target_tags    = { Snapshot = "daily", Backup = "yes" }
    schedule {
      name = "daily"
      create_rule {
        interval = 24
      }
      retain_rule {
        count = 7
      }
    }
  }
}

resource "aws_dlm_lifecycle_policy" "disabled" {
  description        = "disabled"
  execution_role_arn = "arn:aws:iam::123456789012:role/dlm"
  state              = "DISABLED"
  policy_details {
    resource_types = ["VOLUME"]
    target_tags    = { Snapshot = "weekly" }
    schedule {
      name = "weekly"
      create_rule {
        interval = 24
      }
      retain_rule {
        count = 4
      }
    }
  }
}

# Any one of the target tags is enough.
resource "aws_ebs_volume" "pass_dlm_tag" {
  for_each          = toset(["a", "b"])
  availability_zone = "eu-west-1a"
  size              = 10
  tags              = { Backup = "yes" }
}

resource "aws_ebs_volume" "fail_disabled_policy" {
  availability_zone = "eu-west-1a"
  size              = 10
  tags              = { Snapshot = "weekly" }
}
