using System.Collections;
using GraphQL;
using GraphQL.Execution;

namespace Dge.Api.GraphQL.Http;

/// <summary>
/// How an error looks to a client, in HotChocolate's shape: the message, and <c>extensions.code</c> plus the fields our
/// own errors add (such as <c>argument</c>); the spec's <c>locations</c> and <c>path</c> stay at the top level.
/// GraphQL.NET's own provider would also publish <c>codes</c> (derived from the type names of inner exceptions, so a
/// database failure shows up as the engine's name) and validation rule <c>number</c>s, which mean nothing to a client.
/// Outside Development nothing of an exception is shown; in Development <c>details</c> carries it.
/// </summary>
public sealed class ClientErrorInfoProvider(bool exposeExceptionDetails) : IErrorInfoProvider
{
    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = executionError.Code ?? UnhandledResolverErrors.Code,
        };

        // Data of an error we raised ourselves is ours to show; an inner exception's data could be anything.
        if (executionError.InnerException is null)
        {
            foreach (DictionaryEntry entry in executionError.Data)
            {
                if (entry.Key is string key && key != "code")
                {
                    extensions[key] = entry.Value;
                }
            }
        }
        else if (exposeExceptionDetails)
        {
            extensions["details"] = executionError.InnerException.ToString();
        }

        return new ErrorInfo { Message = executionError.Message, Extensions = extensions };
    }
}
