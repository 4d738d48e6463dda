resource "aws_ebs_encryption_by_default" "region" {
  enabled = true
}

resource "aws_ebs_volume" "pass_region_default" {
  availability_zone = "eu-west-1a"
  size              = 50
  type              = "gp3"
}

resource "aws_ebs_volume" "fail_explicitly_off" {
  availability_zone = "eu-west-1a"
  size              = 50
  type              = "gp3"
  encrypted         = false
}
