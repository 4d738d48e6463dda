variable "health_checks" {
  type = bool
}

resource "aws_lb_target_group" "pass_explicit" {
  name     = "web"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-12345678"
  health_check {
    path    = "/healthz"
    matcher = "200"
  }
}

# Health checks are on by default for instance targets.
resource "aws_lb_target_group" "pass_default" {
  name     = "api"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-12345678"
}

resource "aws_lb_target_group" "fail_disabled" {
  name     = "worker"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-12345678"
  health_check {
    enabled = false
  }
}

resource "aws_lb_target_group" "unknown_toggle" {
  name     = "jobs"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-12345678"
  health_check {
    enabled = var.health_checks
  }
}

resource "aws_lb_target_group" "skip_lambda" {
  name        = "fn"
  target_type = "lambda"
}
