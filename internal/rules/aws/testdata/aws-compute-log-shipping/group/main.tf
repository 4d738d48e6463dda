resource "aws_launch_template" "agent" {
  name_prefix   = "agent-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.medium"
  user_data = base64encode(<<-EOT
    #!/bin/bash
    curl -L https://sh.vector.dev | bash -s -- -y
  EOT
  )
}

resource "aws_autoscaling_group" "pass_vector" {
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  launch_template {
    id      = aws_launch_template.agent.id
    version = "$Latest"
  }
}

resource "aws_launch_template" "plain" {
  name_prefix   = "plain-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.medium"
  user_data     = base64encode("#!/bin/bash\nsystemctl start app\n")
}

resource "aws_autoscaling_group" "fail_plain" {
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  launch_template {
    id      = aws_launch_template.plain.id
    version = "$Latest"
  }
}

# Mixed instances policy, same template.
resource "aws_autoscaling_group" "fail_mixed" {
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  mixed_instances_policy {
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.plain.id
      }
    }
  }
}

# An ECS container instance: its tasks' log configuration is what ships.
resource "aws_launch_template" "ecs" {
  name_prefix   = "ecs-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.medium"
  user_data     = base64encode("#!/bin/bash\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config\n")
}

resource "aws_autoscaling_group" "skip_ecs" {
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  launch_template {
    id      = aws_launch_template.ecs.id
    version = "$Latest"
  }
}

# A launch template named, not in this stack.
resource "aws_autoscaling_group" "unknown_outside_template" {
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
  launch_template {
    name    = "shared-app"
    version = "$Latest"
  }
}
