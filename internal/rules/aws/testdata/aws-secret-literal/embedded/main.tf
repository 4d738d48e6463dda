# Credentials written into a Lambda function's environment or an instance's
# user data script.
variable "db_password" {
  type    = string
  default = "Sup3rS3cretValue"
}

variable "runtime_token" {
  type      = string
  sensitive = true
}

resource "aws_lambda_function" "fail_env_credentials" {
  function_name = "analysis"
  role          = "arn:aws:iam::123456789012:role/analysis"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "lambda.zip"

  environment {
    variables = {
      AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
      DB_PASSWORD       = var.db_password
      LOG_LEVEL         = "info"
    }
  }
}

resource "aws_lambda_function" "skip_env_references" {
  function_name = "reporter"
  role          = "arn:aws:iam::123456789012:role/reporter"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "lambda.zip"

  environment {
    variables = {
      DB_PASSWORD_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"
      API_KEY         = "/prod/reporter/api-key"
      DB_SECRET       = "prod/reporter/db"
      SLACK_TOKEN     = var.runtime_token
    }
  }
}

resource "aws_instance" "fail_user_data_keys" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMAAA
    export AWS_DEFAULT_REGION=eu-west-1
  EOT
}

resource "aws_instance" "fail_user_data_password" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    echo "DB_PASSWORD=${var.db_password}" >> /etc/app.env
  EOT
}

resource "aws_instance" "skip_user_data_fetches_secret" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    DB_PASSWORD=$(aws ssm get-parameter --name /prod/db --with-decryption --query Parameter.Value --output text)
  EOT
}
