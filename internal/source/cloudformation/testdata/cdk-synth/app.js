const cdk = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const rds = require('aws-cdk-lib/aws-rds');
const s3 = require('aws-cdk-lib/aws-s3');
const sqs = require('aws-cdk-lib/aws-sqs');
const lambda = require('aws-cdk-lib/aws-lambda');
const cw = require('aws-cdk-lib/aws-cloudwatch');

const app = new cdk.App();

class NetworkStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    this.vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2 });
  }
}

class DataStack extends cdk.Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const db = new rds.DatabaseInstance(this, 'OrdersDb', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc: props.vpc,
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO),
      multiAz: false,
      backupRetention: cdk.Duration.days(1),
    });
    new s3.Bucket(this, 'Uploads', { versioned: true, encryption: s3.BucketEncryption.KMS_MANAGED, enforceSSL: true });
    const dlq = new sqs.Queue(this, 'OrdersDlq');
    const queue = new sqs.Queue(this, 'Orders', { deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
    const fn = new lambda.Function(this, 'Worker', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    new cw.Alarm(this, 'DbCpu', { metric: db.metricCPUUtilization(), threshold: 80, evaluationPeriods: 3 });
  }
}

const net = new NetworkStack(app, 'Network');
new DataStack(app, 'Data', { vpc: net.vpc });
