resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = "ami-12345678"
  instance_type = "m6i.large"
}

resource "aws_launch_template" "flex" {
  name_prefix = "flex-"
  image_id    = "ami-12345678"
  instance_requirements {
    memory_mib {
      min = 8192
    }
    vcpu_count {
      min = 2
      max = 4
    }
  }
}

locals {
  types = ["m6i.large", "m5.large", "m6a.large"]
}

resource "aws_autoscaling_group" "pass_three_types" {
  name                = "pass-three-types"
  min_size            = 2
  max_size            = 10
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
  capacity_rebalance  = true
  mixed_instances_policy {
    instances_distribution {
      on_demand_base_capacity                  = 1
      on_demand_percentage_above_base_capacity = 20
      spot_allocation_strategy                 = "price-capacity-optimized"
    }
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.app.id
        version            = "$Latest"
      }
      dynamic "override" {
        for_each = local.types
        content {
          instance_type = override.value
        }
      }
    }
  }
}

# Attribute-based instance type selection offers many types.
resource "aws_autoscaling_group" "pass_instance_requirements" {
  name                = "pass-instance-requirements"
  min_size            = 0
  max_size            = 10
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
  capacity_rebalance  = true
  mixed_instances_policy {
    instances_distribution {
      on_demand_percentage_above_base_capacity = 0
      spot_allocation_strategy                 = "capacity-optimized"
    }
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.flex.id
        version            = "$Latest"
      }
    }
  }
}

# All On-Demand (the percentage defaults to 100): not judged.
resource "aws_autoscaling_group" "skip_on_demand_default" {
  name                = "skip-on-demand"
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
  mixed_instances_policy {
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.app.id
      }
      override {
        instance_type = "m6i.large"
      }
    }
  }
}

# The On-Demand base covers the whole group: never Spot.
resource "aws_autoscaling_group" "skip_base_covers_max" {
  name                = "skip-base"
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
  mixed_instances_policy {
    instances_distribution {
      on_demand_base_capacity                  = 4
      on_demand_percentage_above_base_capacity = 0
    }
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.app.id
      }
    }
  }
}

# Plain group, no Spot anywhere: not judged.
resource "aws_autoscaling_group" "skip_plain" {
  name                = "skip-plain"
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
  launch_template {
    id      = aws_launch_template.app.id
    version = "$Latest"
  }
}

resource "aws_autoscaling_group" "fail_one_override" {
  name                = "fail-one-override"
  min_size            = 2
  max_size            = 10
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
  capacity_rebalance  = true
  mixed_instances_policy {
    instances_distribution {
      on_demand_percentage_above_base_capacity = 0
      spot_allocation_strategy                 = "capacity-optimized"
    }
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.app.id
      }
      override {
        instance_type = "m6i.large"
      }
    }
  }
}

# No overrides: only the launch template's type.
resource "aws_autoscaling_group" "fail_no_overrides" {
  name                = "fail-no-overrides"
  min_size            = 2
  max_size            = 10
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
  capacity_rebalance  = true
  mixed_instances_policy {
    instances_distribution {
      on_demand_percentage_above_base_capacity = 50
    }
    launch_template {
      launch_template_specification {
        launch_template_id = aws_launch_template.app.id
      }
    }
  }
}

# Several types, but capacity_rebalance is omitted (false by default).
resource "aws_autoscaling_group" "fail_no_rebalance" {
  name                = "fail-no-rebalance"
  min_size            = 2
  max_size            = 10
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
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

# lowest-price (the default strategy) with one pool per zone.
resource "aws_autoscaling_group" "fail_one_pool" {
  name                = "fail-one-pool"
  min_size            = 2
  max_size            = 10
  vpc_zone_identifier = ["subnet-a", "subnet-b"]
  capacity_rebalance  = true
  mixed_instances_policy {
    instances_distribution {
      on_demand_percentage_above_base_capacity = 0
      spot_instance_pools                      = 1
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
