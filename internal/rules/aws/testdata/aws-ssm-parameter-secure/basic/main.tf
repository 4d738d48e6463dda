resource "aws_ssm_parameter" "fail_plain_password" {
  name  = "/shop/db/password"
  type  = "String"
  value = "placeholder"
}

resource "aws_ssm_parameter" "pass_secure" {
  name  = "/shop/api/token"
  type  = "SecureString"
  value = "placeholder"
}

resource "aws_ssm_parameter" "skip_setting" {
  name  = "/shop/api/log_level"
  type  = "String"
  value = "info"
}
