# A module that is not on disk and is told nothing about the file system
# cannot back it up.

resource "aws_efs_file_system" "fail_unrelated_module" {
  creation_token = "media"
  encrypted      = true
}

module "kms" {
  source      = "terraform-aws-modules/kms/aws"
  description = "application key"
}
