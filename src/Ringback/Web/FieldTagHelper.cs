using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Ringback.Web;

/// <summary>
/// <c>&lt;field name="Input.LastName" label="Last name" value="…"/&gt;</c>: a labelled input with its error message
/// tied to it (aria-invalid, aria-describedby), so every field in the app is accessible the same way.
/// </summary>
[HtmlTargetElement("field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper : TagHelper
{
    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public required string Name { get; set; }

    public required string Label { get; set; }

    public string? Value { get; set; }

    /// <summary>An input type, or "textarea" or "select".</summary>
    public string Type { get; set; } = "text";

    public string? Hint { get; set; }

    public bool Required { get; set; }

    public string? Autocomplete { get; set; }

    /// <summary>For selects: value and text of each option.</summary>
    public IEnumerable<KeyValuePair<string, string>>? Options { get; set; }

    public string? List { get; set; }

    public string? Placeholder { get; set; }

    public string? Class { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var id = Name.Replace('.', '-');
        var errors = ViewContext.ModelState.TryGetValue(Name, out var entry) && entry.ValidationState == ModelValidationState.Invalid
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage))
            : null;

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", Class is null ? "field" : $"field {Class}");

        var label = new TagBuilder("label");
        label.Attributes["for"] = id;
        label.InnerHtml.Append(Label);
        if (Required)
        {
            label.InnerHtml.AppendHtml(" <span aria-hidden=\"true\" class=\"req\">*</span>");
        }

        var input = Type switch
        {
            "textarea" => new TagBuilder("textarea"),
            "select" => new TagBuilder("select"),
            _ => new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing },
        };
        input.Attributes["id"] = id;
        input.Attributes["name"] = Name;
        if (Type == "textarea")
        {
            input.InnerHtml.Append(Value ?? string.Empty);
        }
        else if (Type == "select")
        {
            foreach (var (value, text) in Options ?? [])
            {
                var option = new TagBuilder("option");
                option.Attributes["value"] = value;
                if (string.Equals(value, Value, StringComparison.OrdinalIgnoreCase))
                {
                    option.Attributes["selected"] = "selected";
                }

                option.InnerHtml.Append(text);
                input.InnerHtml.AppendHtml(option);
            }
        }
        else
        {
            input.Attributes["type"] = Type;
            input.Attributes["value"] = Value ?? string.Empty;
        }

        var describedBy = new List<string>();
        if (Hint is not null)
        {
            describedBy.Add(id + "-hint");
        }

        if (errors is not null)
        {
            describedBy.Add(id + "-error");
            input.Attributes["aria-invalid"] = "true";
        }

        if (describedBy.Count > 0)
        {
            input.Attributes["aria-describedby"] = string.Join(' ', describedBy);
        }

        if (Required)
        {
            input.Attributes["required"] = "required";
        }

        if (Autocomplete is not null)
        {
            input.Attributes["autocomplete"] = Autocomplete;
        }

        if (List is not null)
        {
            input.Attributes["list"] = List;
        }

        if (Placeholder is not null)
        {
            input.Attributes["placeholder"] = Placeholder;
        }

        output.Content.AppendHtml(label);
        output.Content.AppendHtml(input);
        if (Hint is not null)
        {
            output.Content.AppendHtml($"<span class=\"hint\" id=\"{id}-hint\">");
            output.Content.Append(Hint);
            output.Content.AppendHtml("</span>");
        }

        if (errors is not null)
        {
            output.Content.AppendHtml($"<span class=\"error\" id=\"{id}-error\">");
            output.Content.Append(errors);
            output.Content.AppendHtml("</span>");
        }
    }
}
