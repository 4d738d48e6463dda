source "amazon-ebs" "app" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

source "googlecompute" "app" {
  project_id          = "example"
  source_image_family = "debian-12"
  zone                = "europe-west1-b"
  ssh_username        = "packer"
}

build {
  name    = "pass_fluent_bit"
  sources = ["source.amazon-ebs.app"]
  provisioner "shell" {
    inline = ["curl -fsSLo /tmp/fb.sh https://packages.fluentbit.io/install.sh", "sudo sh /tmp/fb.sh", "sudo systemctl enable fluent-bit"]
  }
}

build {
  name    = "pass_ops_agent"
  sources = ["source.googlecompute.app"]
  provisioner "shell" {
    inline = ["curl -sSO https://dl.google.com/cloudagents/add-google-cloud-ops-agent-repo.sh", "sudo bash add-google-cloud-ops-agent-repo.sh --also-install"]
  }
}

# node_exporter ships metrics, not logs.
build {
  name    = "fail_metrics_only"
  sources = ["source.amazon-ebs.app"]
  provisioner "shell" {
    inline = ["sudo apt-get install -y prometheus-node-exporter"]
  }
}
