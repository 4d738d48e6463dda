resource "aws_ebs_volume" "pass_encrypted" {
  availability_zone = "eu-west-1a"
  size              = 100
  type              = "gp3"
  encrypted         = true
}

resource "aws_ebs_volume" "fail_unset" {
  availability_zone = "eu-west-1a"
  size              = 100
  type              = "gp3"
}

resource "aws_ebs_volume" "unknown_from_snapshot" {
  availability_zone = "eu-west-1a"
  snapshot_id       = "snap-0123456789abcdef0"
  type              = "gp3"
}
