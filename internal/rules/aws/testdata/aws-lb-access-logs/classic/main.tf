# Classic Load Balancers: the access_logs block is enabled unless it says
# otherwise (unlike aws_lb's, which defaults to false).
resource "aws_s3_bucket" "logs" {
  bucket = "acme-elb-logs"
}

resource "aws_elb" "pass_logging" {
  name               = "pass-logging"
  availability_zones = ["eu-west-1a", "eu-west-1b"]

  listener {
    instance_port     = 8000
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }

  access_logs {
    bucket        = aws_s3_bucket.logs.id
    bucket_prefix = "web"
  }
}

resource "aws_elb" "fail_no_block" {
  name               = "fail-no-block"
  availability_zones = ["eu-west-1a", "eu-west-1b"]

  listener {
    instance_port     = 8000
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}

resource "aws_elb" "fail_disabled" {
  name               = "fail-disabled"
  availability_zones = ["eu-west-1a", "eu-west-1b"]

  listener {
    instance_port     = 8000
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }

  access_logs {
    bucket  = aws_s3_bucket.logs.id
    enabled = false
  }
}

variable "log_requests" {
  type = bool
}

resource "aws_elb" "unknown_toggle" {
  name               = "unknown-toggle"
  availability_zones = ["eu-west-1a", "eu-west-1b"]

  listener {
    instance_port     = 8000
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }

  access_logs {
    bucket  = aws_s3_bucket.logs.id
    enabled = var.log_requests
  }
}
