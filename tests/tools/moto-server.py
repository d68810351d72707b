"""moto_server, as the tests start it, with one fix: CloudFormation's Ref of an AWS::Lambda::LayerVersion is the
layer version's ARN (the CloudFormation reference says so), where moto 5.2.1 hands over its internal object, which
makes every later update of a function that has Layers fail with a 500. Same arguments as moto_server."""
import sys

from moto.awslambda.models import LayerVersion

if not hasattr(LayerVersion, "physical_resource_id"):
    LayerVersion.physical_resource_id = property(lambda self: self.arn)

from moto.server import main

main(sys.argv[1:])
