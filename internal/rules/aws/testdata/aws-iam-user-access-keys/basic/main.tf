resource "aws_iam_user" "fail_deployer" {
  name = "deployer"
}

resource "aws_iam_access_key" "deployer" {
  user = aws_iam_user.fail_deployer.name
}

resource "aws_iam_user" "pass_console_only" {
  name = "alice"
}
