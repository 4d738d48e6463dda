variable "rollback" {
  type = bool
}

resource "aws_ecs_service" "pass_rollback" {
  name = "web"
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
}

resource "aws_ecs_service" "fail_no_breaker" {
  name = "worker"
}

resource "aws_ecs_service" "fail_no_rollback" {
  name = "api"
  deployment_circuit_breaker {
    enable   = true
    rollback = false
  }
}

resource "aws_ecs_service" "unknown_rollback" {
  name = "jobs"
  deployment_circuit_breaker {
    enable   = true
    rollback = var.rollback
  }
}

# A disabled breaker fails, whatever rollback is.
resource "aws_ecs_service" "fail_disabled_rollback_unknown" {
  name = "batch"
  deployment_circuit_breaker {
    enable   = false
    rollback = var.rollback
  }
}

# Blue/green through CodeDeploy rolls back by its own means.
resource "aws_ecs_service" "skip_code_deploy" {
  name = "bluegreen"
  deployment_controller {
    type = "CODE_DEPLOY"
  }
}
