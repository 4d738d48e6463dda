variable "image_tag" {
  type    = string
  default = "2.4.1"
}

variable "image" {
  type = string
}

locals {
  repo = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api"
}

resource "aws_ecs_task_definition" "pass_digest" {
  family = "pass-digest"
  container_definitions = jsonencode([{
    name  = "api"
    image = "${local.repo}@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
  }])
}

resource "aws_ecs_task_definition" "pass_tag_var" {
  family = "pass-tag-var"
  container_definitions = jsonencode([{
    name  = "api"
    image = "${local.repo}:${var.image_tag}"
  }])
}

# A registry with a port: the colon of the port is not a tag.
resource "aws_ecs_task_definition" "fail_port_no_tag" {
  family = "fail-port-no-tag"
  container_definitions = jsonencode([{
    name  = "api"
    image = "registry.internal:5000/team/api"
  }])
}

resource "aws_ecs_task_definition" "pass_port_tag" {
  family = "pass-port-tag"
  container_definitions = jsonencode([{
    name  = "api"
    image = "registry.internal:5000/team/api:3.1.0"
  }])
}

resource "aws_ecs_task_definition" "fail_latest" {
  family = "fail-latest"
  container_definitions = jsonencode([
    { name = "api", image = "${local.repo}:2.4.1" },
    { name = "sidecar", image = "datadog/agent:latest" },
  ])
}

resource "aws_ecs_task_definition" "fail_no_tag" {
  family                = "fail-no-tag"
  container_definitions = <<-JSON
    [{"name": "web", "image": "nginx"}]
  JSON
}

resource "aws_ecs_task_definition" "unknown_image" {
  family = "unknown-image"
  container_definitions = jsonencode([{
    name  = "api"
    image = var.image
  }])
}
