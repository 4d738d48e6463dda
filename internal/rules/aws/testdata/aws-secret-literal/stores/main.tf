data "aws_secretsmanager_secret_version" "api" {
  secret_id = "prod/api"
}

resource "aws_secretsmanager_secret" "api" {
  name = "prod/api-copy"
}

resource "aws_secretsmanager_secret_version" "fail_json_literal" {
  secret_id     = aws_secretsmanager_secret.api.id
  secret_string = jsonencode({ username = "api", password = "plain-text-password" })
}

resource "aws_secretsmanager_secret_version" "pass_copied_at_apply" {
  secret_id     = aws_secretsmanager_secret.api.id
  secret_string = data.aws_secretsmanager_secret_version.api.secret_string
}

resource "aws_ssm_parameter" "fail_secure_string" {
  name  = "/app/token"
  type  = "SecureString"
  value = "tok-123456"
}

resource "aws_ssm_parameter" "skip_plain_setting" {
  name  = "/app/log-level"
  type  = "String"
  value = "info"
}

resource "aws_mq_broker" "fail_user_password" {
  broker_name        = "orders"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.m5.large"

  user {
    username = "app"
    password = "a-long-literal-password"
  }
}
