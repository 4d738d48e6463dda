variable "on_demand_percentage" {
  type = number
}

variable "rebalance" {
  type = bool
}

variable "override_types" {
  type = list(string)
}

resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-12345678"
  instance_type = "m6i.large"
}

# Whether it uses Spot at all is not known.
resource "aws_autoscaling_group" "unknown_percentage" {
  name                = "unknown-percentage"
  min_size            = 2
  max_size            = 10
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
  mixed_instances_policy {
    instances_distribution {
      on_demand_percentage_above_base_capacity = var.on_demand_percentage
    }
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.app.id
      }
    }
  }
}

resource "aws_autoscaling_group" "unknown_rebalance" {
  name                = "unknown-rebalance"
  min_size            = 2
  max_size            = 10
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
  capacity_rebalance  = var.rebalance
  mixed_instances_policy {
    instances_distribution {
      on_demand_percentage_above_base_capacity = 0
      spot_allocation_strategy                 = "price-capacity-optimized"
    }
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.app.id
      }
      override {
        instance_type = "m6i.large"
      }
      override {
        instance_type = "m5.large"
      }
    }
  }
}

# Overrides from a variable with no value: there may be many or one.
resource "aws_autoscaling_group" "unknown_override_types" {
  name                = "unknown-overrides"
  min_size            = 2
  max_size            = 10
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
  capacity_rebalance  = true
  mixed_instances_policy {
    instances_distribution {
      on_demand_percentage_above_base_capacity = 0
      spot_allocation_strategy                 = "price-capacity-optimized"
    }
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.app.id
      }
      dynamic "override" {
        for_each = var.override_types
        content {
          instance_type = override.value
        }
      }
    }
  }
}
