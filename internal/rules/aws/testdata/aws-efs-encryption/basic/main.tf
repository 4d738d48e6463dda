resource "aws_efs_file_system" "pass_encrypted" {
  creation_token = "shared"
  encrypted      = true
}

resource "aws_efs_file_system" "fail_default" {
  creation_token = "scratch"
}
