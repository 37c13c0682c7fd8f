"""Writes answer-corpus.jsonl and batch-lines.jsonl (run: python3 make-corpus.py); edit the cases here, not the JSONL."""
import os
HERE = os.path.dirname(os.path.abspath(__file__))
import json
cases = []
def ok(name, content, topics, kps, notes=None):
    c = {"name": name, "content": content, "topics": topics, "knowledge_points": kps}
    if notes is not None: c["notes"] = notes
    cases.append(c)
def rej(name, content, reject):
    cases.append({"name": name, "content": content, "reject": reject})

ok("strict json (gpt-4o json mode)",
   '{"topics": ["Algebra", "Linear Equations"], "knowledge_points": ["Solving one-variable linear equations", "Distributive property", "Combining like terms"]}',
   ["Algebra", "Linear Equations"], ["Solving one-variable linear equations", "Distributive property", "Combining like terms"], [])
ok("strict json pretty-printed",
   '{\n  "topics": [\n    "Geometry"\n  ],\n  "knowledge_points": [\n    "Area of a triangle",\n    "Pythagorean theorem"\n  ]\n}',
   ["Geometry"], ["Area of a triangle", "Pythagorean theorem"], [])
ok("fenced json (llama 3)",
   '```json\n{\n  "topics": ["Probability"],\n  "knowledge_points": ["Counting outcomes", "Independent events"]\n}\n```',
   ["Probability"], ["Counting outcomes", "Independent events"], ["read from a code fence"])
ok("bare fence without language",
   '```\n{"topics": ["Number Theory"], "knowledge_points": ["Divisibility rules"]}\n```',
   ["Number Theory"], ["Divisibility rules"], ["read from a code fence"])
ok("chatty preamble and fence (qwen 2.5)",
   "Sure! Here's the analysis:\n\n```json\n{\n  \"topics\": [\"Arithmetic\", \"Ratios\"],\n  \"knowledge_points\": [\"Unit rates\", \"Proportional reasoning\"]\n}\n```\n\nLet me know if you need anything else!",
   ["Arithmetic", "Ratios"], ["Unit rates", "Proportional reasoning"], ["read from a code fence"])
ok("prose before and after unfenced json (mistral)",
   'Here is the JSON you asked for: {"topics": ["Statistics"], "knowledge_points": ["Mean", "Median"]} The question mainly tests measures of central tendency.',
   ["Statistics"], ["Mean", "Median"], ["ignored text around the JSON"])
ok("trailing explanation after json",
   '{"topics": ["Calculus"], "knowledge_points": ["Power rule for derivatives"]}\n\nExplanation: the problem asks for the derivative of x^3, which uses the power rule.',
   ["Calculus"], ["Power rule for derivatives"], ["ignored text around the JSON"])
ok("capitalised keys",
   '{"Topics": ["Geometry"], "Knowledge_Points": ["Circle area formula"]}',
   ["Geometry"], ["Circle area formula"], ["keys matched loosely"])
ok("keys with spaces",
   '{"topics": ["Algebra"], "knowledge points": ["Factoring quadratics", "Zero product property"]}',
   ["Algebra"], ["Factoring quadratics", "Zero product property"], ["keys matched loosely"])
ok("camelCase and singular keys",
   '{"topic": "Trigonometry", "knowledgePoints": ["Sine rule", "Cosine rule"]}',
   ["Trigonometry"], ["Sine rule", "Cosine rule"], ["keys matched loosely", "topics given as a string"])
ok("KPs key",
   '{"topics": ["Combinatorics"], "KPs": ["Permutations", "Combinations"]}',
   ["Combinatorics"], ["Permutations", "Combinations"], ["keys matched loosely"])
ok("general_topics and specific_knowledge_points echoing the prompt",
   '{"general_topics": ["Algebra"], "specific_knowledge_points": ["Systems of linear equations", "Substitution method"]}',
   ["Algebra"], ["Systems of linear equations", "Substitution method"], ["keys matched loosely"])
ok("topics as a single string with semicolons",
   '{"topics": "Algebra; Geometry", "knowledge_points": ["Midpoint formula"]}',
   ["Algebra", "Geometry"], ["Midpoint formula"], ["topics given as a string"])
ok("topics as a comma list of capitalised names",
   '{"topics": "Algebra, Number Theory", "knowledge_points": "Prime factorization; Greatest common divisor"}',
   ["Algebra", "Number Theory"], ["Prime factorization", "Greatest common divisor"],
   ["topics given as a string", "knowledge points given as a string"])
ok("comma not split when it is a clause",
   '{"topics": ["Geometry"], "knowledge_points": "Area of a circle, given the radius r"}',
   ["Geometry"], ["Area of a circle, given the radius r"], ["knowledge points given as a string"])
ok("comma not split when digits are present",
   '{"topics": ["Arithmetic"], "knowledge_points": "Adding fractions with denominators 3, 4 and 6"}',
   ["Arithmetic"], ["Adding fractions with denominators 3, 4 and 6"], ["knowledge points given as a string"])
ok("knowledge points as a newline list string",
   '{"topics": ["Algebra"], "knowledge_points": "1. Slope of a line\\n2. Point-slope form\\n3. Y-intercept"}',
   ["Algebra"], ["Slope of a line", "Point-slope form", "Y-intercept"], ["knowledge points given as a string"])
ok("arrays of objects with name",
   '{"topics": [{"name": "Geometry"}], "knowledge_points": [{"name": "Similar triangles"}, {"name": "Ratio of corresponding sides"}]}',
   ["Geometry"], ["Similar triangles", "Ratio of corresponding sides"],
   ["read topic names from objects", "read knowledge point names from objects"])
ok("objects with topic and description",
   '{"topics": [{"topic": "Probability", "description": "Chance of events"}], "knowledge_points": [{"knowledge_point": "Complement rule", "explanation": "P(not A) = 1 - P(A)"}]}',
   ["Probability"], ["Complement rule"],
   ["read topic names from objects", "read knowledge point names from objects"])
ok("knowledge points nested inside topic objects",
   '{"topics": [{"name": "Algebra", "knowledge_points": ["Quadratic formula", "Discriminant"]}, {"name": "Functions", "knowledge_points": ["Vertex of a parabola"]}]}',
   ["Algebra", "Functions"], ["Quadratic formula", "Discriminant", "Vertex of a parabola"],
   ["read topic names from objects", "read knowledge points from inside topics"])
ok("wrapper object analysis",
   '{"analysis": {"topics": ["Geometry"], "knowledge_points": ["Volume of a cylinder"]}}',
   ["Geometry"], ["Volume of a cylinder"], ["read from nested object \"analysis\""])
ok("wrapper object result with extra fields",
   '{"question_id": 17, "result": {"Topics": ["Statistics"], "Knowledge Points": ["Standard deviation"]}, "confidence": 0.9}',
   ["Statistics"], ["Standard deviation"], ["keys matched loosely", "read from nested object \"result\""])
ok("json array holding the object",
   '[{"topics": ["Algebra"], "knowledge_points": ["Exponent rules"]}]',
   ["Algebra"], ["Exponent rules"], ["read from a JSON array"])
ok("double-encoded json string",
   json.dumps('{"topics": ["Algebra"], "knowledge_points": ["Absolute value equations"]}'),
   ["Algebra"], ["Absolute value equations"], ["read from a JSON string"])
ok("plain text sections with semicolons and numbered list",
   "Topics: Algebra; Functions\nKnowledge points:\n1. Domain of a function\n2. Range of a function",
   ["Algebra", "Functions"], ["Domain of a function", "Range of a function"], ["read from plain text"])
ok("markdown bold headings and bullets (llama 3 without json mode)",
   "Here's my analysis of the question.\n\n**Topics:**\n- Geometry\n- Measurement\n\n**Knowledge Points:**\n* Perimeter of a rectangle\n* Unit conversion (cm to m)\n\nThe question combines measurement with basic geometry.",
   ["Geometry", "Measurement"], ["Perimeter of a rectangle", "Unit conversion (cm to m)"], ["read from plain text"])
ok("markdown ### headings with 1) numbering",
   "### Topics\n1) Number Theory\n\n### Knowledge Points\n1) Modular arithmetic\n2) Remainders\n3) Fermat's little theorem",
   ["Number Theory"], ["Modular arithmetic", "Remainders", "Fermat's little theorem"], ["read from plain text"])
ok("paper-style free text with parenthesised heading and sub-bullets",
   "As a math teacher, here is my analysis.\n\nGeneral Topics (1-2):\n1. Algebra\n\nSpecific Knowledge Points (1-5):\n1. **Solving quadratic equations**: using factoring\n   - e.g. x^2 - 5x + 6 = 0\n2. **Vieta's formulas**\n\nThese knowledge points are essential.",
   ["Algebra"], ["Solving quadratic equations: using factoring", "Vieta's formulas"], ["read from plain text"])
ok("Topic 1 / Topic 2 numbered headings",
   "Topic 1: Geometry\nTopic 2: Trigonometry\nKnowledge Point 1: Law of sines\nKnowledge Point 2: Angle sum of a triangle",
   ["Geometry", "Trigonometry"], ["Law of sines", "Angle sum of a triangle"], ["read from plain text"])
ok("items with numbering, bullets, quotes and trailing periods",
   '{"topics": ["1. Algebra."], "knowledge_points": ["- \\"Order of operations\\"", "2) Evaluating expressions.", "  **Substitution**  "]}',
   ["Algebra"], ["Order of operations", "Evaluating expressions", "Substitution"], [])
ok("duplicate items dropped ignoring case",
   '{"topics": ["Geometry", "geometry"], "knowledge_points": ["Area of a circle", "Area of a Circle", "Circumference"]}',
   ["Geometry"], ["Area of a circle", "Circumference"],
   ["dropped 1 duplicate topic", "dropped 1 duplicate knowledge point"])
ok("too many topics and knowledge points clipped",
   '{"topics": ["Algebra", "Geometry", "Trigonometry", "Calculus"], "knowledge_points": ["A1", "A2", "A3", "A4", "A5", "A6", "A7"]}',
   ["Algebra", "Geometry"], ["A1", "A2", "A3", "A4", "A5"],
   ["clipped topics from 4 to 2", "clipped knowledge points from 7 to 5"])
ok("zero knowledge points accepted with a note",
   '{"topics": ["Arithmetic"], "knowledge_points": []}',
   ["Arithmetic"], [], ["no knowledge points"])
ok("knowledge points key missing",
   '{"topics": ["Arithmetic"], "difficulty": "easy"}',
   ["Arithmetic"], [], ["no knowledge points"])
ok("trailing commas repaired",
   '{\n  "topics": ["Algebra",],\n  "knowledge_points": ["Inequalities", "Interval notation",],\n}',
   ["Algebra"], ["Inequalities", "Interval notation"], ["removed trailing commas"])
ok("python dict repr with single quotes",
   "{'topics': ['Geometry'], 'knowledge_points': [\"Euler's formula for polyhedra\", 'Counting faces']}",
   ["Geometry"], ["Euler's formula for polyhedra", "Counting faces"], ["read single-quoted strings"])
ok("latex with unescaped backslashes (deepseek)",
   '{"topics": ["Algebra"], "knowledge_points": ["Simplifying $\\sqrt{50}$", "Rationalising $\\frac{1}{\\sqrt{2}}$"]}',
   ["Algebra"], ["Simplifying $\\sqrt{50}$", "Rationalising $\\frac{1}{\\sqrt{2}}$"],
   ["kept backslashes that are not JSON escapes", "restored LaTeX commands read as JSON escapes"])
ok("latex read as valid json escapes",
   '{"topics": ["Trigonometry"], "knowledge_points": ["$\\tan\\theta = \\frac{\\beta}{\\tau}$", "Angle $\\theta$ in radians"]}',
   ["Trigonometry"], ["$\\tan\\theta = \\frac{\\beta}{\\tau}$", "Angle $\\theta$ in radians"],
   ["restored LaTeX commands read as JSON escapes"])
ok("unicode and properly escaped latex",
   '{"topics": ["Géométrie"], "knowledge_points": ["Pythagorean theorem $a^2+b^2=c^2$", "Angles in a triangle sum to 180°", "\\\\(\\\\pi r^2\\\\) area formula"]}',
   ["Géométrie"], ["Pythagorean theorem $a^2+b^2=c^2$", "Angles in a triangle sum to 180°", "\\(\\pi r^2\\) area formula"], [])
ok("two json objects, first has no topics",
   'Question restated: {"question": "What is 2+2?"}\nAnswer: {"topics": ["Arithmetic"], "knowledge_points": ["Addition of whole numbers"]}',
   ["Arithmetic"], ["Addition of whole numbers"],
   ["ignored text around the JSON", "skipped 1 JSON object without usable topics"])
ok("set notation braces in prose before the json",
   'The solution set {x | x > 2} is an interval. {"topics": ["Algebra"], "knowledge_points": ["Linear inequalities"]}',
   ["Algebra"], ["Linear inequalities"], ["ignored text around the JSON"])
ok("think block before the json (deepseek-r1 / qwen3)",
   '<think>\nThe question is about {"topics": maybe algebra}... let me decide.\n</think>\n\n{"topics": ["Algebra"], "knowledge_points": ["Slope-intercept form"]}',
   ["Algebra"], ["Slope-intercept form"], ["skipped a <think> block"])
ok("item longer than 200 characters dropped",
   '{"topics": ["Geometry"], "knowledge_points": ["' + "Understanding that " * 12 + 'angles matter", "Angle bisector theorem"]}',
   ["Geometry"], ["Angle bisector theorem"], ["dropped 1 knowledge point longer than 200 characters"])
ok("non-string item dropped when names remain",
   '{"topics": ["Algebra", null], "knowledge_points": ["Linear functions", 3]}',
   ["Algebra"], ["Linear functions"], ["dropped 1 non-string topic", "dropped 1 non-string knowledge point"])
ok("json with literal newline inside a string",
   '{"topics": ["Calculus"], "knowledge_points": ["Chain\nrule"]}',
   ["Calculus"], ["Chain rule"], ["escaped line breaks inside strings"])
ok("fenced json with // comments",
   '```json\n{\n  "topics": ["Geometry"], // main area\n  "knowledge_points": ["Area of a trapezoid"]\n}\n```',
   ["Geometry"], ["Area of a trapezoid"], ["read from a code fence", "removed comments from the JSON"])
ok("complete inner object inside a truncated wrapper",
   '{"analysis": {"topics": ["Algebra"], "knowledge_points": ["Exponents"]}, "explanation": "The question asks',
   ["Algebra"], ["Exponents"], ["ignored text around the JSON", "ignored an unfinished JSON object"])

ok("plain text 'Topics Assessed' headings with bold item labels (gpt-3.5, paper prompt)",
   "**Topics Assessed:**\n1. **Algebra**\n\n**Knowledge Points Evaluated:**\n- **Slope**: rise over run\n- Intercepts",
   ["Algebra"], ["Slope: rise over run", "Intercepts"], ["read from plain text"])
ok("plain text inline lists, short lower-case names split on commas",
   "Topics: algebra, geometry\nKnowledge points: Distance formula, Midpoint formula",
   ["algebra", "geometry"], ["Distance formula", "Midpoint formula"], ["read from plain text"])
ok("javascript-style bare keys",
   '{topics: ["Algebra"], knowledge_points: ["Literal equations"]}',
   ["Algebra"], ["Literal equations"], ["quoted bare keys"])
ok("topic object and KP string",
   '{"Topic": {"name": "Algebra"}, "KP": "Slope"}',
   ["Algebra"], ["Slope"], ["keys matched loosely", "read topic names from objects", "knowledge points given as a string"])
rej("missing closing brace", '{"topics": ["Algebra"], "knowledge_points": ["Slope"]', "truncated JSON answer")
rej("empty string", "", "empty answer")
rej("whitespace only", "  \n\t  \n", "empty answer")
rej("truncated json", '{"topics": ["Algebra"], "knowledge_po', "truncated JSON answer (the model stopped mid-object; raise max_tokens)")
rej("truncated inside a fence", '```json\n{\n  "topics": ["Geometry"],\n  "knowledge_points": [\n    "Area of', "truncated JSON answer")
rej("refusal", "I'm sorry, but I can't help with that request.", "the model refused to answer")
rej("refusal with curly apostrophe", "I\u2019m unable to analyze this because the question text is missing.", "refused")
rej("topics not strings", '{"topics": [1, 2], "knowledge_points": ["Counting"]}', "topics are not names: found a number")
rej("topics null", '{"topics": null, "knowledge_points": ["Counting"]}', "found null")
rej("empty topics array", '{"topics": [], "knowledge_points": ["Counting"]}', "no topics: the answer names none")
rej("no topics key", '{"subject": "Algebra", "skills": ["Factoring"]}', "no \"topics\" member (keys: \"subject\", \"skills\")")
rej("no json and no sections", "The question tests the student's understanding of fractions and decimals.", "no JSON object and no \"Topics:\"")
rej("unrepairable json", '{"topics": ["Algebra" "Geometry"], "knowledge_points": []}', "invalid JSON answer that could not be repaired")
rej("unfinished think block", "<think>\nLet me think about which topics apply. The question involves", "ends inside a <think> block")
rej("only knowledge points section", "Knowledge Points:\n- Slope\n- Intercept", "no topics")
rej("every topic too long", '{"topics": ["' + "This question is about " * 10 + 'algebra"], "knowledge_points": []}', "every topic is longer than 200 characters")

with open(os.path.join(HERE, "answer-corpus.jsonl"), "w") as f:
    for c in cases:
        f.write(json.dumps(c, ensure_ascii=False) + "\n")
print(len(cases), "answer cases")

lines = []
def bl(name, line, expect=None, error_contains=None, answer_reject=None, answer_topics=None, raw=None):
    c = {"name": name}
    if raw is not None: c["raw"] = raw
    else: c["line"] = line
    if expect is not None: c["expect"] = expect
    if error_contains is not None: c["error_contains"] = error_contains
    if answer_reject is not None: c["answer_reject"] = answer_reject
    if answer_topics is not None: c["answer_topics"] = answer_topics
    lines.append(c)

def completion(content, finish="stop", usage=True):
    body = {"id": "chatcmpl-abc", "object": "chat.completion", "created": 1711000000, "model": "gpt-4o-mini-2024-07-18",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content, "refusal": None}, "logprobs": None, "finish_reason": finish}]}
    if usage: body["usage"] = {"prompt_tokens": 112, "completion_tokens": 38, "total_tokens": 150}
    return body

good = '{"topics": ["Algebra"], "knowledge_points": ["Linear equations"]}'
bl("openai success with usage",
   {"id": "batch_req_wnaDys", "custom_id": "q-000001", "response": {"status_code": 200, "request_id": "req_c187b3", "body": completion(good)}, "error": None},
   expect={"custom_id": "q-000001", "status_code": 200, "content": good, "finish_reason": "stop", "error": None, "prompt_tokens": 112, "completion_tokens": 38},
   answer_topics=["Algebra"])
bl("openai error object (expired)",
   {"id": "batch_req_x1", "custom_id": "q-000002", "response": None, "error": {"code": "batch_expired", "message": "This request could not be executed before the completion window expired."}},
   expect={"custom_id": "q-000002", "status_code": None, "content": None, "error": "batch_expired: This request could not be executed before the completion window expired."},
   answer_reject="the request failed: batch_expired")
bl("openai http 400 with error in body",
   {"id": "batch_req_x2", "custom_id": "q-000003", "response": {"status_code": 400, "request_id": "req_9", "body": {"error": {"message": "Invalid value for 'max_tokens'.", "type": "invalid_request_error", "param": "max_tokens", "code": None}}}, "error": None},
   expect={"custom_id": "q-000003", "status_code": 400, "content": None, "error": "Invalid value for 'max_tokens'."},
   answer_reject="Invalid value for 'max_tokens'")
bl("vllm string error with status 400 and null body",
   {"id": "vllm-5f1e", "custom_id": "q-000004", "response": {"status_code": 400, "request_id": "vllm-batch-77aa", "body": None}, "error": "This model's maximum context length is 4096 tokens."},
   expect={"custom_id": "q-000004", "status_code": 400, "content": None, "finish_reason": None, "error": "This model's maximum context length is 4096 tokens.", "prompt_tokens": None},
   answer_reject="maximum context length")
bl("vllm ErrorResponse object",
   {"id": "vllm-5f1f", "custom_id": "q-000005", "response": {"status_code": 400, "request_id": "vllm-batch-77ab", "body": None}, "error": {"object": "error", "message": "Only /v1/chat/completions and /v1/embeddings are supported.", "type": "BadRequestError", "param": None, "code": 400}},
   expect={"custom_id": "q-000005", "status_code": 400, "error": "400: Only /v1/chat/completions and /v1/embeddings are supported."})
bl("vllm success without usage",
   {"id": "vllm-1", "custom_id": "q-000006", "response": {"status_code": 200, "request_id": "vllm-batch-1", "body": completion("```json\n" + good + "\n```", usage=False)}, "error": None},
   expect={"custom_id": "q-000006", "status_code": 200, "finish_reason": "stop", "error": None, "prompt_tokens": None, "completion_tokens": None},
   answer_topics=["Algebra"])
bl("finish_reason length with truncated content",
   {"id": "batch_req_x3", "custom_id": "q-000007", "response": {"status_code": 200, "request_id": "req_10", "body": completion('{"topics": ["Geometry"], "knowledge_points": ["Area of', finish="length")}, "error": None},
   expect={"custom_id": "q-000007", "status_code": 200, "finish_reason": "length", "error": None, "completion_tokens": 38},
   answer_reject="finish_reason \"length\"")
bl("openai structured-output refusal",
   {"id": "batch_req_x4", "custom_id": "q-000008", "response": {"status_code": 200, "request_id": "req_11", "body": {"choices": [{"index": 0, "message": {"role": "assistant", "content": None, "refusal": "I can't assist with that."}, "finish_reason": "stop"}]}}, "error": None},
   expect={"custom_id": "q-000008", "content": None, "refusal": "I can't assist with that.", "error": None},
   answer_reject="refused")
bl("together-style line with body at top level",
   {"custom_id": "q-000009", "body": completion(good)},
   expect={"custom_id": "q-000009", "status_code": None, "content": good, "prompt_tokens": 112},
   answer_topics=["Algebra"])
bl("missing custom_id", {"id": "batch_req_x5", "response": {"status_code": 200, "body": completion(good)}, "error": None}, error_contains="no \"custom_id\"")
bl("custom_id not a string", {"custom_id": 42, "response": None, "error": None}, error_contains="\"custom_id\" should be a string but is a number")
bl("line not an object", ["q-1", good], error_contains="is an array, not an object")
bl("line not json", None, raw='{"custom_id": "q-1", "response": {', error_contains="is not JSON")
bl("choices not an array", {"custom_id": "q-000010", "response": {"status_code": 200, "body": {"choices": {"message": {}}}}}, error_contains="\"response.body.choices\" should be an array")

with open(os.path.join(HERE, "batch-lines.jsonl"), "w") as f:
    for c in lines:
        f.write(json.dumps(c, ensure_ascii=False) + "\n")
print(len(lines), "batch cases")
